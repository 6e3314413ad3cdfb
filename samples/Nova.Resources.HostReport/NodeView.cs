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
    IReadOnlyDictionary<string, InventoryRecord> Inventory,
    int OrphanInstances = 0)
{
    /// <summary>Builds the views of every node the manager tracks, in node-name order.</summary>
    public static IReadOnlyList<NodeView> FromManager(ComputeResourceManager manager)
        => [.. manager.Trackers.Values
            .Where(t => t.ComputeNode is not null)
            .OrderBy(t => t.NodeName, StringComparer.Ordinal)
            .Select(t => From(t.ComputeNode!, t.Usage))];

    /// <summary>Flattens one compute-node record, with where its used figures come from when known.</summary>
    public static NodeView From(ComputeNode node, UsageBreakdown? usage = null) => new(
        node.HypervisorHostname,
        node.Host,
        node.HypervisorType,
        node.HypervisorVersion,
        node.HostIp?.ToString(),
        node.RunningVms,
        new ResourceLine(node.Vcpus, node.VcpusUsed, node.Vcpus - node.VcpusUsed, node.CpuAllocationRatio, UsedBy(usage?.Vcpus), usage?.Vcpus.Hypervisor),
        new ResourceLine(node.MemoryMb, node.MemoryMbUsed, node.FreeRamMb, node.RamAllocationRatio, UsedBy(usage?.MemoryMb), usage?.MemoryMb.Hypervisor),
        new ResourceLine(node.LocalGb, node.LocalGbUsed, node.FreeDiskGb, node.DiskAllocationRatio, UsedBy(usage?.LocalGb), usage?.LocalGb.Hypervisor),
        node.DiskAvailableLeast,
        node.Inventory,
        usage?.OrphanInstances ?? 0);

    private static UsedBy? UsedBy(UsageSources? sources)
        => sources is null ? null : new UsedBy(sources.Reserved, sources.Instances, sources.Orphans);
}
