using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nova.Resources.Compute;
using Nova.Resources.Testing;
using Nova.Resources.Tests.Tracking;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Reliability;

/// <summary>
/// Faults in the driver and the store during audits: each is logged with the node and the cause, the node keeps its
/// last good record (in memory and in the store, never half of a change), claims keep working, and the next good
/// audit recovers. Cancellation in the middle of each leaves the same state.
/// </summary>
public sealed class AuditFaultTests : IDisposable
{
    private const string Node = TrackerHarness.Node;
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    private readonly TrackerHarness _h = TrackerHarness.ForReliability();

    public static TheoryData<string> DriverFaults => new()
    {
        "resources throw", "instance usage throws", "negative values", "missing values", "negative used", "store save throws",
    };

    public void Dispose() => _h.Dispose();

    [Theory]
    [MemberData(nameof(DriverFaults))]
    public async Task Audit_Fault_LoggedWithNodeAndCause_KeepsLastGoodRecord_RecoversNextAudit(string fault)
    {
        var (good, claim) = await GoodStateWithOneCommittedClaim();
        string cause = Inject(fault);

        await _h.Manager.UpdateAvailableResourceAsync();

        var error = _h.Problems().Should().ContainSingle(r => r.Level == LogLevel.Error).Subject;
        error.Message.Should().Be($"Error updating resources for node {Node}.");
        (error.Exception?.Message ?? string.Empty).Should().Contain(cause);
        _h.Tracker.ComputeNode.Should().BeSameAs(good, "a failed audit keeps the last good record");
        (await _h.Stored()).Should().Be(good);

        // Claims still work against the last good record.
        await using (var extra = await _h.Tracker.ClaimAsync(Request("during-fault", 2, 1024, 10)))
        {
            _h.Tracker.ComputeNode!.VcpusUsed.Should().Be(good.VcpusUsed + 2);
        }

        _h.Driver.SetResources(Node, TrackerHarness.Resources(48, 32768 + 512, 800));
        await _h.Manager.UpdateAvailableResourceAsync();

        var recovered = _h.Tracker.ComputeNode!;
        recovered.Vcpus.Should().Be(48);
        recovered.MemoryMb.Should().Be(32768 + 512);
        recovered.VcpusUsed.Should().Be(claim.Vcpus, "the committed claim is still counted, once");
        recovered.MemoryMbUsed.Should().Be(512 + claim.MemoryMb);
        (await _h.Stored()).Should().Be(recovered);
    }

    [Fact]
    public async Task Audit_DriverHangsPastTimeout_CancelledWithoutChange_ClaimsProceedMeanwhile()
    {
        var (good, _) = await GoodStateWithOneCommittedClaim();
        var arrived = _h.Driver.HangNextCall(FakeComputeDriverMethod.GetAvailableResource);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), _h.Time);

        var audit = _h.Manager.UpdateAvailableResourceAsync(timeout.Token);
        await arrived.WaitAsync(Safety);

        // The driver is read outside the node's lock: a claim goes through while the audit hangs.
        var during = await _h.Tracker.ClaimAsync(Request("while-hung", 1, 256, 1));
        var afterClaim = _h.Tracker.ComputeNode!;
        afterClaim.VcpusUsed.Should().Be(good.VcpusUsed + 1);

        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await FluentActions.Awaiting(() => audit.WaitAsync(Safety)).Should().ThrowAsync<OperationCanceledException>();

        _h.Tracker.ComputeNode.Should().BeSameAs(afterClaim);
        (await _h.Stored()).Should().Be(afterClaim);
        _h.Driver.ReleaseHungCalls();

        await during.DisposeAsync();
        await _h.Manager.UpdateAvailableResourceAsync();
        _h.Tracker.ComputeNode!.VcpusUsed.Should().Be(good.VcpusUsed);
        (await _h.Stored()).Should().Be(_h.Tracker.ComputeNode);
    }

    [Fact]
    public async Task Audit_StoreHangsOnSave_CancelledWithoutChange_ThenRecovers()
    {
        var (good, _) = await GoodStateWithOneCommittedClaim();
        _h.Driver.SetResources(Node, TrackerHarness.Resources(64, 16384 + 512, 400));
        var arrived = _h.Store.HangNextSave();
        using var cancel = new CancellationTokenSource();

        var audit = _h.Manager.UpdateAvailableResourceAsync(cancel.Token);
        await arrived.WaitAsync(Safety);

        // The audit holds the node's lock while it saves: a claim waiting for it is cancelled and adds nothing.
        using var claimTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _h.Time);
        var claim = _h.Tracker.ClaimAsync(Request("waits-for-lock", 1, 256, 1), cancellationToken: claimTimeout.Token);
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        await FluentActions.Awaiting(() => claim.AsTask().WaitAsync(Safety)).Should().ThrowAsync<OperationCanceledException>();

        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => audit.WaitAsync(Safety)).Should().ThrowAsync<OperationCanceledException>();

        _h.Tracker.ComputeNode.Should().BeSameAs(good, "the new totals were never saved, so they were never applied");
        (await _h.Stored()).Should().Be(good);

        await _h.Manager.UpdateAvailableResourceAsync();
        _h.Tracker.ComputeNode!.Vcpus.Should().Be(64);
        (await _h.Stored()).Should().Be(_h.Tracker.ComputeNode);
    }

    [Fact]
    public async Task Audit_NodeFlipsInAndOut_RecordsCreatedAndDeleted_DeleteFailureRetried_MainNodeUntouched()
    {
        var (good, claim) = await GoodStateWithOneCommittedClaim();
        const string Flip = "flip-node";
        _h.Driver.SetResources(Flip, TrackerHarness.Resources(8, 4096, 100, Flip));

        for (int i = 0; i < 5; i++)
        {
            _h.Driver.SetNodes(Node, Flip);
            await _h.Manager.UpdateAvailableResourceAsync();
            _h.Manager.Trackers.Keys.Should().BeEquivalentTo([Node, Flip]);
            (await _h.Stored(Flip)).Should().NotBeNull();

            _h.Driver.SetNodes(Node);
            if (i == 2)
            {
                _h.Store.FailNextDelete(new IOException("injected: delete failed"));
                await _h.Manager.UpdateAvailableResourceAsync();
                var failure = _h.Problems().Should().ContainSingle(r => r.Level == LogLevel.Error).Subject;
                failure.Message.Should().Contain("Failed to delete orphan compute node").And.Contain(Flip);
                failure.Exception.Should().BeOfType<IOException>();
                (await _h.Stored(Flip)).Should().NotBeNull("kept until a delete succeeds");
            }

            await _h.Manager.UpdateAvailableResourceAsync();
            _h.Manager.Trackers.Keys.Should().Equal(Node);
            (await _h.Stored(Flip)).Should().BeNull();
            FluentActions.Invoking(() => _h.Manager.GetTracker(Flip)).Should().Throw<KeyNotFoundException>();
        }

        var main = _h.Tracker.ComputeNode!;
        main.Should().Be(good);
        main.VcpusUsed.Should().Be(claim.Vcpus);
        _h.Logger.Collector.GetSnapshot().Count(r => r.Message.StartsWith("Deleting orphan compute node", StringComparison.Ordinal)).Should().Be(6);
    }

    [Fact]
    public async Task Audit_NodeFlipsToUnsupportedAndBack_ClaimsRefusedMeanwhile_CommittedClaimStillCountedAfter()
    {
        var (_, claim) = await GoodStateWithOneCommittedClaim();

        _h.Driver.SetResources(Node, null);
        await _h.Manager.UpdateAvailableResourceAsync();
        _h.Tracker.ComputeNode.Should().BeNull("Nova: compute tracking is disabled");
        await FluentActions.Awaiting(() => _h.Tracker.ClaimAsync(Request("refused", 1, 256, 1)).AsTask())
            .Should().ThrowAsync<ComputeResourcesUnavailableException>();

        _h.Driver.ResetResources(Node);
        _h.Driver.SetResources(Node, TrackerHarness.Resources(32, 16384 + 512, 400));
        await _h.Manager.UpdateAvailableResourceAsync();
        _h.Tracker.ComputeNode!.VcpusUsed.Should().Be(claim.Vcpus, "a claim outlives a disabled period");
        (await _h.Stored()).Should().Be(_h.Tracker.ComputeNode);
    }

    [Fact]
    public async Task PeriodicLoop_EveryFaultInTurn_SurvivesLogsEachAndRecovers()
    {
        await _h.Service.StartAsync(CancellationToken.None);
        var good = _h.Tracker.ComputeNode!;
        string[] faults = ["nodes throw", "resources throw", "instance usage throws", "negative values", "missing values", "store save throws"];

        foreach (string fault in faults)
        {
            var before = _h.Problems().ToHashSet();
            string cause = Inject(fault);
            _h.Time.Advance(_h.Options.UpdateResourcesInterval);
            await Until(() => _h.Problems().Any(r => r.Level == LogLevel.Error && !before.Contains(r)));

            var logged = _h.Problems().First(r => r.Level == LogLevel.Error && !before.Contains(r));
            (logged.Exception?.Message ?? string.Empty).Should().Contain(cause, fault);
            logged.Message.Should().Be(fault == "nodes throw" ? "Error during ComputeManager.update_available_resource" : $"Error updating resources for node {Node}.");
            _h.Tracker.ComputeNode.Should().BeSameAs(good, fault);
            _h.Service.ExecuteTask!.IsCompleted.Should().BeFalse("the loop survives {0}", fault);
        }

        _h.Driver.SetResources(Node, TrackerHarness.Resources(40, 16384 + 512, 400));
        _h.Time.Advance(_h.Options.UpdateResourcesInterval);
        await Until(() => _h.Tracker.ComputeNode!.Vcpus == 40);
        (await _h.Stored()).Should().Be(_h.Tracker.ComputeNode);
        _h.Store.FaultsInjected.Should().Be(1);

        await _h.Service.StopAsync(CancellationToken.None);
    }

    private static InstanceRequest Request(string uuid, int vcpus, long memoryMb, long rootGb)
        => new() { Uuid = uuid, Vcpus = vcpus, MemoryMb = memoryMb, RootGb = rootGb, VmState = "active" };

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Safety;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the periodic audit must run after the clock advanced");
            await Task.Delay(5);
        }
    }

    /// <summary>A first good audit and one committed claim: a record worth keeping.</summary>
    private async Task<(ComputeNode Good, InstanceRequest Claim)> GoodStateWithOneCommittedClaim()
    {
        await _h.Manager.UpdateAvailableResourceAsync();
        var request = Request("committed", 4, 2048, 20);
        var claim = await _h.Tracker.ClaimAsync(request);
        claim.Commit();
        await claim.DisposeAsync();
        var good = _h.Tracker.ComputeNode!;
        good.VcpusUsed.Should().Be(4);
        _h.Problems().Should().BeEmpty();
        return (good, request);
    }

    /// <summary>Sets up one fault for the next audit; returns a text the logged cause must contain.</summary>
    private string Inject(string fault)
    {
        var resources = FakeComputeDriver.CreateResources(Node);
        switch (fault)
        {
            case "nodes throw":
                _h.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableNodes, new InvalidOperationException("injected: node list failed"));
                return "injected: node list failed";
            case "resources throw":
                _h.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, new InvalidOperationException("injected: libvirt connection broke"));
                return "injected: libvirt connection broke";
            case "instance usage throws":
                _h.Driver.FailNextCall(FakeComputeDriverMethod.GetPerInstanceUsage, new InvalidOperationException("injected: domain list failed"));
                return "injected: domain list failed";
            case "negative values":
                _h.Driver.SetResources(Node, resources with { Vcpus = -4, MemoryMb = -1 });
                return "Negative values: {'vcpus': -4, 'memory_mb': -1}";
            case "missing values":
                _h.Driver.SetResources(Node, resources with { MemoryMb = null, LocalGb = null });
                return "Missing keys: ['memory_mb', 'local_gb']";
            case "negative used":
                _h.Driver.SetResources(Node, resources with { LocalGbUsed = -7 });
                return "Negative values: {'local_gb_used': -7}";
            case "store save throws":
                _h.Driver.SetResources(Node, resources with { Vcpus = 999 });
                _h.Store.FailNextSave(new IOException("injected: database is gone"));
                return "injected: database is gone";
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }
}
