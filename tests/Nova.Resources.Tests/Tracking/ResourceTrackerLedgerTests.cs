using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>The host's ledger of committed instances, as a tracker writes and counts it.</summary>
public sealed class ResourceTrackerLedgerTests : IDisposable
{
    private const string Node = TrackerHarness.Node;
    private const string Host = TrackerHarness.Host;
    private readonly TrackerHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ClaimAsync_Granted_WritesTheInstanceToTheLedgerAndCommitKeepsIt()
    {
        var tracker = await _h.AuditedTracker();
        var request = TrackerHarness.Instance("i-1", memoryMb: 1024);

        await using (var claim = await tracker.ClaimAsync(request))
        {
            claim.Commit();
        }

        (await _h.Ledger.GetInstancesAsync(Host, Node)).Should().Equal(request);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NewTrackerOverTheSameLedger_CountsTheCommittedInstances()
    {
        var first = await _h.AuditedTracker();
        (await first.ClaimAsync(TrackerHarness.Instance("i-1", vcpus: 2, memoryMb: 1024, rootGb: 10))).Commit();

        // A restart with a persistent ledger: a new tracker, the same ledger and store.
        var second = await _h.AuditedTracker();

        second.ComputeNode!.MemoryMbUsed.Should().Be(512 + 1024);
        second.ComputeNode.VcpusUsed.Should().Be(2);
        second.ComputeNode.LocalGbUsed.Should().Be(10);
        second.ComputeNode.RunningVms.Should().Be(1);
        await FluentActions.Awaiting(async () => await second.ClaimAsync(TrackerHarness.Instance("i-1")))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("Instance i-1 is already tracked on node fake-mini.");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_LedgerOfAnotherNode_IsNotCounted()
    {
        await _h.Ledger.AddAsync(Host, "other-node", TrackerHarness.Instance("i-1", memoryMb: 1024));
        await _h.Ledger.AddAsync("other-host", Node, TrackerHarness.Instance("i-2", memoryMb: 1024));

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_SourceReportsTheInstanceDeleted_TheLedgerEntryIsNotCounted()
    {
        var source = new TestInstanceSource();
        _h.InstanceSource = source;
        await _h.Ledger.AddAsync(Host, Node, TrackerHarness.Instance("i-1", memoryMb: 1024));
        source.Set(Node, TrackerHarness.Instance("i-1", memoryMb: 1024, vmState: "deleted"));

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_SourceAndLedgerHoldTheSameInstance_CountsItOnce()
    {
        var source = new TestInstanceSource();
        _h.InstanceSource = source;
        await _h.Ledger.AddAsync(Host, Node, TrackerHarness.Instance("i-1", memoryMb: 1024));
        source.Set(Node, TrackerHarness.Instance("i-1", memoryMb: 2048));

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512 + 2048);
    }

    [Fact]
    public async Task ClaimAsync_SaveFails_LeavesNothingInTheLedger()
    {
        var tracker = await _h.AuditedTracker();
        _h.Store.FailNextUpdate(new IOException("database is down"));

        await FluentActions.Awaiting(async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-1")))
            .Should().ThrowAsync<IOException>();

        (await _h.Ledger.GetInstancesAsync(Host, Node)).Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_ClaimStoredButItsReplyLost_ReadsTheRecordAgainAndSavesTheCount()
    {
        var tracker = await _h.AuditedTracker();
        var before = tracker.ComputeNode!;
        _h.Store.LoseNextUpdateReply(new IOException("the connection died after the commit"));

        await FluentActions.Awaiting(async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-1", vcpus: 2)))
            .Should().ThrowAsync<IOException>();
        tracker.ComputeNode.Should().BeSameAs(before, "a failed save changes nothing in memory");
        (await _h.Stored())!.Revision.Should().Be(before.Revision + 1, "the update was stored though its reply was lost");

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode!.VcpusUsed.Should().Be(before.VcpusUsed, "the refused claim left the ledger");
        (await _h.Stored()).Should().Be(tracker.ComputeNode);
    }

    [Fact]
    public async Task DisposeAsync_NotCommitted_TakesTheInstanceOutOfTheLedger()
    {
        var tracker = await _h.AuditedTracker();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1"));

        await claim.DisposeAsync();

        (await _h.Ledger.GetInstancesAsync(Host, Node)).Should().BeEmpty();
    }

    [Fact]
    public async Task DropInstanceAsync_Committed_TakesTheInstanceOutOfTheLedger()
    {
        var tracker = await _h.AuditedTracker();
        (await tracker.ClaimAsync(TrackerHarness.Instance("i-1"))).Commit();

        await tracker.DropInstanceAsync("i-1");

        (await _h.Ledger.GetInstancesAsync(Host, Node)).Should().BeEmpty();
    }

    [Fact]
    public async Task DropInstanceAsync_SaveFails_KeepsTheInstanceInTheLedger()
    {
        var tracker = await _h.AuditedTracker();
        (await tracker.ClaimAsync(TrackerHarness.Instance("i-1"))).Commit();
        _h.Store.FailNextUpdate(new IOException("database is down"));

        await FluentActions.Awaiting(() => tracker.DropInstanceAsync("i-1")).Should().ThrowAsync<IOException>();

        (await _h.Ledger.GetInstancesAsync(Host, Node)).Select(i => i.Uuid).Should().Equal("i-1");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_AfterAConflict_ReadsTheStoredRecordAgain()
    {
        var tracker = await _h.AuditedTracker();
        var stored = (await _h.Store.GetByHostAsync(Host)).Single();
        // Another writer changes the record: this tracker's copy is one revision behind.
        var changed = await _h.Store.UpdateAsync(stored with { CpuAllocationRatio = 2.0 });

        await FluentActions.Awaiting(async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-1")))
            .Should().ThrowAsync<ComputeNodeConflictException>();
        int gets = _h.Store.Gets;
        await tracker.UpdateAvailableResourceAsync();

        _h.Store.Gets.Should().Be(gets + 1);
        tracker.ComputeNode!.Revision.Should().BeGreaterThanOrEqualTo(changed.Revision);
        (await _h.Store.GetByHostAsync(Host)).Single().Should().Be(tracker.ComputeNode);
        await using var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1"));
        claim.Commit();
    }
}
