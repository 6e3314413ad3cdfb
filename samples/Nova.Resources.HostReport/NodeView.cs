using Nova.Resources.Hosting;
using Nova.Resources.Tracking;

namespace Nova.Resources.HostReport;

/// <summary>One node's resource view, flattened for printing.</summary>
internal sealed record NodeView(
    string Node,
    string Host,
    string? HypervisorType,
    long HypervisorVersion,
    string? HostIp,
    int RunningVms,
    ResourceLine Vcpus,
    ResourceLine MemoryMb,
    ResourceLine DiskGb,
    long? DiskAvailableLeast,
    IReadOnlyDictionary<string, InventoryRecord> Inventory)
{
    /// <summary>Builds the views of every node the manager tracks, in node-name order.</summary>
    public static IReadOnlyList<NodeView> FromManager(ComputeResourceManager manager)
        => [.. manager.Trackers.Values
            .Where(t => t.ComputeNode is not null)
            .OrderBy(t => t.NodeName, StringComparer.Ordinal)
            .Select(t => From(t.ComputeNode!))];

    /// <summary>Flattens one compute-node record.</summary>
    public static NodeView From(ComputeNode node) => new(
        node.HypervisorHostname,
        node.Host,
        node.HypervisorType,
        node.HypervisorVersion,
        node.HostIp?.ToString(),
        node.RunningVms,
        new ResourceLine(node.Vcpus, node.VcpusUsed, node.Vcpus - node.VcpusUsed, node.CpuAllocationRatio),
        new ResourceLine(node.MemoryMb, node.MemoryMbUsed, node.FreeRamMb, node.RamAllocationRatio),
        new ResourceLine(node.LocalGb, node.LocalGbUsed, node.FreeDiskGb, node.DiskAllocationRatio),
        node.DiskAvailableLeast,
        node.Inventory);
}
