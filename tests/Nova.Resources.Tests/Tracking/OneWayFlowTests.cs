using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>
/// Data flows down: the driver is read before the node's lock, a claim does not wait on its tracker when disposed,
/// and the gauges read records the trackers show them.
/// </summary>
public sealed class OneWayFlowTests : IDisposable
{
    private readonly TrackerHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task UpdateAvailableResourceAsync_PerInstanceUsageHangs_ClaimsGoOnMeanwhile()
    {
        var tracker = await _h.AuditedTracker();
        var arrived = _h.Driver.HangNextCall(FakeComputeDriverMethod.GetPerInstanceUsage);
        var audit = tracker.UpdateAvailableResourceAsync();
        await arrived;

        await using (var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024)))
        {
            claim.Commit();
        }

        await tracker.DropInstanceAsync("i-1");
        audit.IsCompleted.Should().BeFalse();
        _h.Driver.ReleaseHungCalls();
        await audit;
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task Dispose_StoreHangs_ReturnsAtOnceAndDisposeAsyncWaitsForTheGiveBack()
    {
        var store = new TestStore();
        var tracker = new ResourceTracker(TrackerHarness.Node, _h.ServicesWith(store));
        await tracker.UpdateAvailableResourceAsync();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024));
        var reached = store.HangNextSave();

        claim.Dispose();

        await reached;
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512 + 1024, "the give-back waits for the store");
        var waiting = claim.DisposeAsync();
        waiting.IsCompleted.Should().BeFalse();
        store.ReleaseHungSave();
        await waiting;
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task Gauges_NodeTheDriverNoLongerReports_YieldNothingForIt()
    {
        var manager = new ComputeResourceManager(_h.Services, _h.Logger);
        using var memory = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.memory");
        _h.Driver.SetNodes("n1", "n2");
        await manager.UpdateAvailableResourceAsync();
        _h.Driver.SetNodes("n1");

        await manager.UpdateAvailableResourceAsync();
        memory.RecordObservableInstruments();

        memory.GetMeasurementSnapshot().Select(m => (string)m.Tags["nova.node"]!).Should().Equal("n1");
    }

    [Fact]
    public async Task Gauges_TrackingDisabledAfterAGoodAudit_YieldNothingForTheNode()
    {
        using var memory = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.memory");
        var tracker = await _h.AuditedTracker();
        _h.Driver.SetResources(TrackerHarness.Node, null);

        await tracker.UpdateAvailableResourceAsync();
        memory.RecordObservableInstruments();

        memory.GetMeasurementSnapshot().Should().BeEmpty();
    }
}
