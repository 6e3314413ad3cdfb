using Nova.Resources.Tests.Tracking;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Reliability;

/// <summary>Give-backs that must give back exactly the claim, and a commit that has nothing left to keep.</summary>
public sealed class ClaimEdgeTests
{
    [Fact]
    public async Task DisposeAsync_InstanceSourceReportsOtherSizes_GivesBackTheClaimsNumbers()
    {
        var source = new TestInstanceSource();
        using var h = TrackerHarness.ForReliability();
        h.InstanceSource = source;
        var tracker = await h.AuditedTracker();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("twice", memoryMb: 1000));
        source.Set(TrackerHarness.Node, TrackerHarness.Instance("twice", memoryMb: 4000));
        await tracker.UpdateAvailableResourceAsync();
        long before = tracker.ComputeNode!.MemoryMbUsed;

        await claim.DisposeAsync();

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(before - 1000, "1000 MiB were claimed, so 1000 MiB go back");
    }

    [Fact]
    public async Task Commit_AfterDropInstanceAsync_ThrowsInvalidOperationException()
    {
        using var h = TrackerHarness.ForReliability();
        var tracker = await h.AuditedTracker();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("dropped"));
        await tracker.DropInstanceAsync("dropped");

        var commit = claim.Commit;

        commit.Should().Throw<InvalidOperationException>().WithMessage("*dropped*");
        claim.IsCommitted.Should().BeFalse();
        await claim.DisposeAsync();
        tracker.ComputeNode!.VcpusUsed.Should().Be(0);
    }

    [Fact]
    public async Task ClaimAndGiveBack_ManyDistinctProjects_ReuseTheRecordsStatisticsInsteadOfCopyingThem()
    {
        using var h = TrackerHarness.ForReliability(vcpus: 100000, memoryMb: 1_000_000, localGb: 1_000_000);
        var tracker = await h.AuditedTracker();
        for (int i = 0; i < 2000; i++)
        {
            var claim = await tracker.ClaimAsync(TrackerHarness.Instance($"churn-{i}", vcpus: 1, memoryMb: 1, rootGb: 0) with { ProjectId = $"project-{i}" });
            claim.Commit();
        }

        var stats = tracker.ComputeNode!.Stats;
        var next = await tracker.ClaimAsync(TrackerHarness.Instance("one-more", vcpus: 1, memoryMb: 1, rootGb: 0) with { ProjectId = "project-0" });

        stats.Should().BeOfType<System.Collections.Immutable.ImmutableDictionary<string, long>>("a persistent map shares what a claim does not change");
        tracker.ComputeNode!.Stats["num_proj_project-0"].Should().Be(2);
        tracker.ComputeNode.Stats.Count.Should().Be(stats.Count);
        tracker.ComputeNode.RunningVms.Should().Be(2001);
        await next.DisposeAsync();
        tracker.ComputeNode!.Stats["num_proj_project-0"].Should().Be(1);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_AfterTenantChurn_StatisticsHoldOnlyTheProjectsStillOnTheNode()
    {
        using var h = TrackerHarness.ForReliability(vcpus: 100000, memoryMb: 1_000_000, localGb: 1_000_000);
        var tracker = await h.AuditedTracker();
        var kept = await tracker.ClaimAsync(TrackerHarness.Instance("kept") with { ProjectId = "stays" });
        kept.Commit();
        for (int i = 0; i < 3000; i++)
        {
            await using var claim = await tracker.ClaimAsync(TrackerHarness.Instance($"gone-{i}", memoryMb: 1, rootGb: 0) with { ProjectId = $"churn-{i}" });
        }

        tracker.ComputeNode!.Stats.Keys.Count(k => k.StartsWith("num_proj_churn-", StringComparison.Ordinal)).Should().Be(3000, "Nova leaves a key at zero until the next audit");

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode!.Stats.Keys.Where(k => k.StartsWith("num_proj_", StringComparison.Ordinal)).Should().Equal("num_proj_stays");
    }
}
