using System.Text.Json.Serialization;
using Nova.Resources.Overview.Model;

namespace Nova.Resources.Overview;

/// <summary>Writes the overview with Nova's snake_case names (<c>memory_mb_used</c>, <c>free_disk_gb</c>, ...).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OverviewSnapshot))]
[JsonSerializable(typeof(OverviewTick))]
internal sealed partial class OverviewJsonContext : JsonSerializerContext;
