using Nova.Resources.Tracking;

namespace Nova.Resources.Placement.Reporting;

/// <summary>
/// What the reporter last knew of a node's provider in Placement (Nova's cached <c>ProviderTree</c> entry): its
/// generation, inventory and traits, and when they were read. Changed only under the reporter's lock, and only after
/// Placement accepted a write.
/// </summary>
internal sealed class ProviderState(Guid uuid, string name, long generation, IReadOnlyDictionary<string, InventoryRecord> inventory, IEnumerable<string> traits, DateTimeOffset refreshedAt)
{
    public Guid Uuid { get; } = uuid;

    public string Name { get; } = name;

    public long Generation { get; set; } = generation;

    public IReadOnlyDictionary<string, InventoryRecord> Inventory { get; set; } = inventory;

    public HashSet<string> Traits { get; set; } = new(traits, StringComparer.Ordinal);

    public DateTimeOffset RefreshedAt { get; } = refreshedAt;

    /// <summary>Whether the cached inventory is exactly <paramref name="wanted"/> (Nova's <c>has_inventory_changed</c>, inverted).</summary>
    public bool HasInventory(IReadOnlyDictionary<string, InventoryRecord> wanted)
    {
        if (wanted.Count != Inventory.Count)
        {
            return false;
        }

        foreach (var (name, record) in wanted)
        {
            if (!Inventory.TryGetValue(name, out var held) || held != record)
            {
                return false;
            }
        }

        return true;
    }
}
