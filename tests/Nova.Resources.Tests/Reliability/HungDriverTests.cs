using Nova.Resources.Compute;
using Nova.Resources.Testing;
using Nova.Resources.Tests.Tracking;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Reliability;

/// <summary>
/// A driver hung in a call that does not honour cancellation (a blocking native call): callers get their
/// <see cref="OperationCanceledException"/> at their deadline, and the read finishes in the background.
/// </summary>
public sealed class HungDriverTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetNodeSnapshotAsync_CancelledWhileUsageReadIgnoresItsToken_ReturnsAtCancellationAndNoSecondReadPilesUp()
    {
        using var h = TrackerHarness.ForReliability();
        var tracker = await h.AuditedTracker();
        var deaf = new DeafDriver(h.Driver);
        var state = new HostState(deaf, Microsoft.Extensions.Options.Options.Create(h.Options), h.Time);
        var hung = h.Driver.HangNextCall(FakeComputeDriverMethod.GetPerInstanceUsage);
        using var cancel = new CancellationTokenSource();

        var first = state.GetNodeSnapshotAsync(TrackerHarness.Node, cancel.Token).AsTask();
        await hung.WaitAsync(Safety);
        await cancel.CancelAsync();

        await first.Invoking(t => t.WaitAsync(Safety)).Should().ThrowAsync<OperationCanceledException>();
        var second = state.GetNodeSnapshotAsync(TrackerHarness.Node, CancellationToken.None).AsTask();
        h.Driver.GetCallCount(FakeComputeDriverMethod.GetPerInstanceUsage).Should().Be(2, "the audit before and the hung read; the second caller waits for it");
        h.Driver.ReleaseHungCalls();
        (await second.WaitAsync(Safety))!.Resources.Vcpus.Should().Be(32);
        h.Driver.GetCallCount(FakeComputeDriverMethod.GetPerInstanceUsage).Should().Be(2);
        tracker.ComputeNode.Should().NotBeNull();
    }

    [Fact]
    public async Task ClaimDropAndDispose_WhileAnAuditHangsInTheDriver_Complete()
    {
        using var h = TrackerHarness.ForReliability();
        var tracker = await h.AuditedTracker();
        var kept = await tracker.ClaimAsync(TrackerHarness.Instance("kept"));
        kept.Commit();
        var hung = h.Driver.HangNextCall(FakeComputeDriverMethod.GetPerInstanceUsage);
        var audit = tracker.UpdateAvailableResourceAsync();
        await hung.WaitAsync(Safety);

        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("during")).AsTask().WaitAsync(Safety);
        await claim.DisposeAsync().AsTask().WaitAsync(Safety);
        await tracker.DropInstanceAsync("kept").WaitAsync(Safety);

        tracker.ComputeNode!.VcpusUsed.Should().Be(0);
        h.Driver.ReleaseHungCalls();
        await audit.WaitAsync(Safety);
    }

    [Fact]
    public async Task StartAsync_UsageReadIgnoresItsTokenAndHangs_ThrowsAtCancellation()
    {
        using var h = TrackerHarness.ForReliability();
        h.ReadThrough(new DeafDriver(h.Driver));
        var service = h.Service;
        var hung = h.Driver.HangNextCall(FakeComputeDriverMethod.GetPerInstanceUsage);
        using var cancel = new CancellationTokenSource();

        var start = service.StartAsync(cancel.Token);
        await hung.WaitAsync(Safety);
        await cancel.CancelAsync();

        await start.Invoking(t => t.WaitAsync(Safety)).Should().ThrowAsync<OperationCanceledException>();
        h.Driver.ReleaseHungCalls();
    }

    [Fact]
    public async Task StopAsync_PeriodicAuditHungInAReadThatIgnoresItsToken_Returns()
    {
        using var h = TrackerHarness.ForReliability();
        h.ReadThrough(new DeafDriver(h.Driver));
        var service = h.Service;
        await service.StartAsync(CancellationToken.None);
        var hung = h.Driver.HangNextCall(FakeComputeDriverMethod.GetPerInstanceUsage);
        h.Time.Advance(TimeSpan.FromMilliseconds(5));
        await hung.WaitAsync(Safety);

        await service.StopAsync(CancellationToken.None).WaitAsync(Safety);

        h.Driver.ReleaseHungCalls();
    }

    /// <summary>The fake driver, with every token dropped: a call hung in it ends only when released.</summary>
    private sealed class DeafDriver(FakeComputeDriver inner) : IComputeDriver
    {
        public ValueTask<IReadOnlyList<string>> GetAvailableNodesAsync(CancellationToken cancellationToken = default) => inner.GetAvailableNodesAsync(CancellationToken.None);

        public ValueTask<HostResources?> GetAvailableResourceAsync(string nodeName, CancellationToken cancellationToken = default) => inner.GetAvailableResourceAsync(nodeName, CancellationToken.None);

        public ValueTask<IReadOnlyList<InstanceUsage>> GetPerInstanceUsageAsync(string nodeName, CancellationToken cancellationToken = default) => inner.GetPerInstanceUsageAsync(nodeName, CancellationToken.None);
    }
}
