using System.Text.Json.Serialization;

namespace Nova.Resources.Placement.Http;

/// <summary>Source-generated (reflection-free) JSON contracts of every body sent to or read from Placement.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ProviderDto))]
[JsonSerializable(typeof(ProviderListDto))]
[JsonSerializable(typeof(CreateProviderDto))]
[JsonSerializable(typeof(InventoriesDto))]
[JsonSerializable(typeof(ProviderTraitsDto))]
[JsonSerializable(typeof(TraitListDto))]
[JsonSerializable(typeof(UsagesDto))]
[JsonSerializable(typeof(ConsumerAllocationsDto))]
[JsonSerializable(typeof(AllocationCandidatesDto))]
[JsonSerializable(typeof(ErrorsDto))]
internal sealed partial class PlacementJsonContext : JsonSerializerContext;
