using System.Globalization;
using Nova.Resources.Tracking;

namespace Nova.Resources.Benchmarks.Cluster;

/// <summary>Compute-node records as trackers write them, in four sizes, for filling a store quickly.</summary>
internal static class SyntheticRecords
{
    private static readonly int[] Cpus = [8, 16, 32, 64];
    private static readonly long[] Memory = [32768, 65536, 131072, 262144];

    public static ComputeNode Make(int i)
    {
        int vcpus = Cpus[i % 4];
        long memoryMb = Memory[(i / 4) % 4];
        long localGb = 500L << (i % 3);
        string host = string.Create(CultureInfo.InvariantCulture, $"synthetic-{i:D5}");
        return new ComputeNode
        {
            Uuid = Guid.NewGuid(),
            Host = host,
            HypervisorHostname = host,
            HypervisorType = "fake",
            HypervisorVersion = 1000,
            Vcpus = vcpus,
            VcpusUsed = i % vcpus,
            MemoryMb = memoryMb,
            MemoryMbUsed = 512 + (1024L * (i % 8)),
            LocalGb = localGb,
            LocalGbUsed = 20L * (i % 5),
            RunningVms = i % 5,
            CpuAllocationRatio = 4.0,
            RamAllocationRatio = 1.0,
            DiskAllocationRatio = 1.0,
            DiskAvailableLeast = localGb,
            CreatedAt = DateTimeOffset.UtcNow,
            Inventory = new Dictionary<string, InventoryRecord>
            {
                [ResourceClasses.Vcpu] = new(vcpus, 0, 1, vcpus, 1, 4.0),
                [ResourceClasses.MemoryMb] = new(memoryMb, 512, 1, memoryMb, 1, 1.0),
                [ResourceClasses.DiskGb] = new(localGb, 0, 1, localGb, 1, 1.0),
            },
        };
    }
}
