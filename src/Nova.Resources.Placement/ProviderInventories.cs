using Nova.Resources.Tracking;

namespace Nova.Resources.Placement;

/// <summary>A provider's inventory as Placement holds it (<c>GET /resource_providers/{uuid}/inventories</c>).</summary>
/// <param name="ResourceProviderGeneration">The provider's generation when read.</param>
/// <param name="Inventories">The inventory of each resource class.</param>
public sealed record ProviderInventories(long ResourceProviderGeneration, IReadOnlyDictionary<string, InventoryRecord> Inventories);
