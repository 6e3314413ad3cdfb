using Nova.Resources.Tracking;

namespace Nova.Resources.Overview.Tests.Support;

/// <summary>Compute-node records as a tracker writes them: totals, usage, ratios and the matching inventory.</summary>
internal static class Nodes
{
    public static readonly DateTimeOffset Created = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static ComputeNode Make(
        string host,
        int vcpus,
        long memoryMb,
        long localGb,
        int vcpusUsed = 0,
        long memoryMbUsed = 512,
        long localGbUsed = 0,
        int runningVms = 0,
        long reservedMemoryMb = 512,
        double cpuRatio = 4.0,
        double ramRatio = 1.0,
        double diskRatio = 1.0,
        string? node = null,
        DateTimeOffset? updatedAt = null)
        => new()
        {
            Host = host,
            HypervisorHostname = node ?? host,
            HypervisorType = "fake",
            HypervisorVersion = 1000,
            Vcpus = vcpus,
            VcpusUsed = vcpusUsed,
            MemoryMb = memoryMb,
            MemoryMbUsed = memoryMbUsed,
            LocalGb = localGb,
            LocalGbUsed = localGbUsed,
            RunningVms = runningVms,
            CpuAllocationRatio = cpuRatio,
            RamAllocationRatio = ramRatio,
            DiskAllocationRatio = diskRatio,
            DiskAvailableLeast = localGb - localGbUsed,
            CreatedAt = Created,
            UpdatedAt = updatedAt,
            Inventory = new Dictionary<string, InventoryRecord>
            {
                [ResourceClasses.Vcpu] = new(vcpus, 0, 1, vcpus, 1, cpuRatio),
                [ResourceClasses.MemoryMb] = new(memoryMb, reservedMemoryMb, 1, memoryMb, 1, ramRatio),
                [ResourceClasses.DiskGb] = new(localGb, 0, 1, localGb, 1, diskRatio),
            },
        };
}
