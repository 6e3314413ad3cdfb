using System.Text.Json.Serialization;

namespace Nova.Resources.Placement.Http;

// The JSON shapes of Placement's API (snake_case on the wire, see PlacementJsonContext). Nulls are written unless a
// property says otherwise: PUT /allocations needs "consumer_generation": null for a new consumer.

internal sealed record ProviderDto(Guid Uuid, string Name, long Generation);

internal sealed record ProviderListDto(List<ProviderDto> ResourceProviders);

internal sealed record CreateProviderDto(Guid Uuid, string Name);

internal sealed record InventoryDto(long Total, long Reserved, long MinUnit, long MaxUnit, long StepSize, double AllocationRatio);

internal sealed record InventoriesDto(long ResourceProviderGeneration, Dictionary<string, InventoryDto> Inventories);

internal sealed record ProviderTraitsDto(long ResourceProviderGeneration, List<string> Traits);

internal sealed record TraitListDto(List<string> Traits);

internal sealed record UsagesDto(long ResourceProviderGeneration, Dictionary<string, long> Usages);

internal sealed record AllocationDto(
    Dictionary<string, long> Resources,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Generation = null);

internal sealed record ConsumerAllocationsDto(
    Dictionary<Guid, AllocationDto> Allocations,
    long? ConsumerGeneration,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ProjectId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId);

internal sealed record AllocationRequestDto(Dictionary<Guid, AllocationDto> Allocations);

internal sealed record CapacityDto(long Capacity, long Used);

internal sealed record ProviderSummaryDto(Dictionary<string, CapacityDto> Resources, List<string>? Traits);

internal sealed record AllocationCandidatesDto(List<AllocationRequestDto> AllocationRequests, Dictionary<Guid, ProviderSummaryDto> ProviderSummaries);

internal sealed record ErrorDto(int Status, string? Title, string? Detail, string? Code, string? RequestId);

internal sealed record ErrorsDto(List<ErrorDto>? Errors);
