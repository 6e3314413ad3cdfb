using Nova.Resources.Overview.Model;
using Nova.Resources.Overview.Tests.Support;
using Nova.Resources.Tracking;

namespace Nova.Resources.Overview.Tests.Model;

public class OverviewBuilderTests
{
    private static readonly DateTimeOffset Now = Nodes.Created.AddMinutes(5);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    private static readonly ComputeNode[] Three =
    [
        Nodes.Make("small", 8, 16384, 200, vcpusUsed: 2, memoryMbUsed: 4608, localGbUsed: 40, runningVms: 2),
        Nodes.Make("medium", 32, 131072, 1000, vcpusUsed: 10, memoryMbUsed: 20992, localGbUsed: 300, runningVms: 5),
        Nodes.Make("large", 96, 524288, 4000, runningVms: 0),
    ];

    [Fact]
    public void Build_SeveralHosts_StatisticsEqualTheSumOverTheHosts()
    {
        var overview = OverviewBuilder.Build(Three, null, Now, StaleAfter);

        overview.Count.Should().Be(3);
        overview.Vcpus.Should().Be(8 + 32 + 96).And.Be(overview.Hosts.Sum(h => (long)h.Vcpus));
        overview.MemoryMb.Should().Be(16384 + 131072 + 524288).And.Be(overview.Hosts.Sum(h => h.MemoryMb));
        overview.LocalGb.Should().Be(5200).And.Be(overview.Hosts.Sum(h => h.LocalGb));
        overview.VcpusUsed.Should().Be(12);
        overview.MemoryMbUsed.Should().Be(4608 + 20992 + 512);
        overview.LocalGbUsed.Should().Be(340);
        overview.FreeRamMb.Should().Be(overview.MemoryMb - overview.MemoryMbUsed).And.Be(overview.Hosts.Sum(h => h.FreeRamMb));
        overview.FreeDiskGb.Should().Be(5200 - 340);
        overview.RunningVms.Should().Be(7);
        overview.DiskAvailableLeast.Should().Be(5200 - 340);
    }

    [Fact]
    public void Build_Inventory_CapacityIsTotalMinusReservedTimesRatioRoundedDownPerNode()
    {
        ComputeNode[] nodes =
        [
            Nodes.Make("a", 3, 4096, 10, reservedMemoryMb: 1024, cpuRatio: 1.5, ramRatio: 1.5),
            Nodes.Make("b", 3, 2048, 10, reservedMemoryMb: 0, cpuRatio: 1.5, ramRatio: 1.0, diskRatio: 2.0),
        ];

        var overview = OverviewBuilder.Build(nodes, null, Now, StaleAfter);

        // 3 * 1.5 = 4.5 on each node: Placement gives int(4.5) = 4, so the cluster has 8, not 9.
        overview.Capacity[ResourceClasses.Vcpu].Should().Be(new ClassCapacity(6, 0, 8, null));
        overview.Capacity[ResourceClasses.MemoryMb].Should().Be(new ClassCapacity(6144, 1024, ((4096 - 1024) * 3 / 2) + 2048, null));
        overview.Capacity[ResourceClasses.DiskGb].Should().Be(new ClassCapacity(20, 0, 10 + 20, null));
        overview.Hosts.Single(h => h.Host == "a").Capacity[ResourceClasses.MemoryMb].Capacity.Should().Be(4608);
        overview.Vcpus.Should().Be(6, "the raw total ignores ratios, as Nova's statistics do");
    }

    [Fact]
    public void Build_WithoutPlacement_AllocatedIsUnknown()
    {
        var overview = OverviewBuilder.Build(Three, null, Now, StaleAfter);

        overview.Placement.Should().BeFalse();
        overview.Capacity.Values.Should().OnlyContain(c => c.Allocated == null && c.Available == null);
    }

    [Fact]
    public void Build_WithUsages_AllocatedIsTheSumAndAProviderPlacementDoesNotKnowCountsZero()
    {
        var usages = new Dictionary<Guid, IReadOnlyDictionary<string, long>>
        {
            [Guid.Parse("00000000-0000-0000-0000-000000000001")] = new Dictionary<string, long> { ["VCPU"] = 4, ["MEMORY_MB"] = 4096, ["DISK_GB"] = 20 },
            [Guid.Parse("00000000-0000-0000-0000-000000000002")] = new Dictionary<string, long> { ["VCPU"] = 1, ["MEMORY_MB"] = 512, ["DISK_GB"] = 1 },
        };
        ComputeNode[] nodes =
        [
            Three[0] with { Uuid = Guid.Parse("00000000-0000-0000-0000-000000000001") },
            Three[1] with { Uuid = Guid.Parse("00000000-0000-0000-0000-000000000002") },
            Three[2] with { Uuid = Guid.Parse("00000000-0000-0000-0000-000000000003") },
        ];

        var overview = OverviewBuilder.Build(nodes, usages, Now, StaleAfter);

        overview.Placement.Should().BeTrue();
        overview.Capacity[ResourceClasses.Vcpu].Allocated.Should().Be(5);
        overview.Capacity[ResourceClasses.Vcpu].Available.Should().Be((136 * 4) - 5);
        overview.Capacity[ResourceClasses.MemoryMb].Allocated.Should().Be(4608);
        overview.Capacity[ResourceClasses.DiskGb].Allocated.Should().Be(21);
        overview.Hosts.Single(h => h.Host == "large").Capacity[ResourceClasses.Vcpu].Allocated.Should().Be(0);
    }

    [Fact]
    public void Build_RecordUnchangedPastStaleAfter_IsStale()
    {
        ComputeNode[] nodes =
        [
            Nodes.Make("quiet", 4, 4096, 10, updatedAt: null),
            Nodes.Make("busy", 4, 4096, 10, updatedAt: Nodes.Created.AddMinutes(14)),
        ];

        var overview = OverviewBuilder.Build(nodes, null, Nodes.Created.AddMinutes(15), StaleAfter);

        overview.Hosts.Single(h => h.Host == "quiet").Stale.Should().BeTrue();
        overview.Hosts.Single(h => h.Host == "busy").Stale.Should().BeFalse();
        overview.StaleCount.Should().Be(1);
    }

    [Fact]
    public void Build_Hosts_OrderedByHostThenNode()
    {
        ComputeNode[] nodes =
        [
            Nodes.Make("b", 1, 1024, 1),
            Nodes.Make("a", 1, 1024, 1, node: "a-2"),
            Nodes.Make("a", 1, 1024, 1, node: "a-1"),
        ];

        var overview = OverviewBuilder.Build(nodes, null, Now, StaleAfter);

        overview.Hosts.Select(h => h.HypervisorHostname).Should().Equal("a-1", "a-2", "b");
    }

    [Fact]
    public void Build_NoRecords_ZeroTotalsAndTheThreeClassesShown()
    {
        var overview = OverviewBuilder.Build([], null, Now, StaleAfter);

        overview.Count.Should().Be(0);
        overview.Vcpus.Should().Be(0);
        overview.Hosts.Should().BeEmpty();
        overview.Capacity.Keys.Should().Equal("DISK_GB", "MEMORY_MB", "VCPU");
    }
}
