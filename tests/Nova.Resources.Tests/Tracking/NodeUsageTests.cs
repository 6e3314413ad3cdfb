using Nova.Resources.Compute;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class NodeUsageTests
{
    private static readonly ComputeResourceOptions Reservations = new() { ReservedHostMemoryMb = 512, ReservedHostDiskMb = 2048, ReservedHostCpus = 1 };

    [Fact]
    public void Sum_NoInstances_IsTheReservations()
    {
        var usage = NodeUsage.Sum(Reservations, [], [], [], [], Empty());

        usage.Should().BeEquivalentTo(new { VcpusUsed = 1, MemoryMbUsed = 512L, LocalGbUsed = 2L, RunningVms = 0, CurrentWorkload = 0 });
        usage.Tracked.Should().BeEmpty();
        usage.Orphans.Should().BeEmpty();
    }

    [Fact]
    public void Sum_SourceLedgerAndClaims_CountsEachInstanceOnceWithTheSourceFirst()
    {
        var fromSource = TrackerHarness.Instance("a", vcpus: 2, memoryMb: 2048);
        var inLedger = TrackerHarness.Instance("a", vcpus: 1, memoryMb: 1024);
        var onlyInLedger = TrackerHarness.Instance("b", memoryMb: 256, rootGb: 3, swapMb: 2047);
        var claim = TrackerHarness.Instance("c", memoryMb: 128);

        var usage = NodeUsage.Sum(Reservations, [fromSource], [inLedger, onlyInLedger], [claim, onlyInLedger], [], Empty());

        usage.MemoryMbUsed.Should().Be(512 + 2048 + 256 + 128);
        usage.VcpusUsed.Should().Be(1 + 2 + 1 + 1);
        usage.LocalGbUsed.Should().Be(2 + 1 + (3 + 1) + 1);
        usage.RunningVms.Should().Be(3);
        usage.Tracked.Keys.Should().BeEquivalentTo("a", "b", "c");
        usage.Tracked["a"].Should().BeSameAs(fromSource);
    }

    [Fact]
    public void Sum_SourceSaysDeleted_TheLedgersCopyDoesNotCount()
    {
        var usage = NodeUsage.Sum(Reservations, [TrackerHarness.Instance("a", vmState: "deleted")], [TrackerHarness.Instance("a", memoryMb: 4096)], [], [], Empty());

        usage.MemoryMbUsed.Should().Be(512);
        usage.Tracked.Should().BeEmpty();
    }

    [Fact]
    public void Sum_RunningInstancesNobodyTracks_AreOrphansCountingTheirMemoryOnly()
    {
        var orphan = new InstanceUsage("x", "guest", 4, 300);

        var usage = NodeUsage.Sum(Reservations, [TrackerHarness.Instance("a", memoryMb: 100)], [], [], [new InstanceUsage("a", null, 1, 100), orphan], Empty());

        usage.Orphans.Should().Equal(orphan);
        usage.MemoryMbUsed.Should().Be(512 + 100 + 300);
        usage.VcpusUsed.Should().Be(2);
    }

    [Fact]
    public void Sum_SameStatsAsBefore_ReusesThePreviousDictionary()
    {
        var first = NodeUsage.Sum(Reservations, [TrackerHarness.Instance("a")], [], [], [], Empty());

        var second = NodeUsage.Sum(Reservations, [TrackerHarness.Instance("a")], [], [], [], first.Stats);

        second.Stats.Should().BeSameAs(first.Stats);
    }

    [Theory]
    [InlineData("deleted", null, true)]
    [InlineData("shelved_offloaded", null, true)]
    [InlineData("shelved_offloaded", "spawning", false)]
    [InlineData("active", null, false)]
    public void AllowsResourceRemoval_FollowsNovasStates(string vmState, string? taskState, bool expected)
        => NodeUsage.AllowsResourceRemoval(TrackerHarness.Instance("a", vmState: vmState, taskState: taskState)).Should().Be(expected);

    [Fact]
    public void With_AddedThenTakenAway_GivesTheSameUsageBackWithNovasZeroStats()
    {
        var node = new ComputeNode { Host = "h", HypervisorHostname = "n", MemoryMbUsed = 512 };
        var instance = TrackerHarness.Instance("a", vcpus: 2, memoryMb: 1024, rootGb: 10, swapMb: 1024);
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var added = NodeUsage.With(node, instance, 1, now);
        var removed = NodeUsage.With(added, instance, -1, now);

        added.Should().BeEquivalentTo(new { VcpusUsed = 2, MemoryMbUsed = 1536L, LocalGbUsed = 11L, RunningVms = 1, UpdatedAt = (DateTimeOffset?)now });
        removed.Should().BeEquivalentTo(new { VcpusUsed = 0, MemoryMbUsed = 512L, LocalGbUsed = 0L, RunningVms = 0 });
        removed.Stats["num_vm_active"].Should().Be(0);
    }

    private static IReadOnlyDictionary<string, long> Empty() => new Dictionary<string, long>();
}
