using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Nova.Resources.Hosting;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>Each audit's saved record passed to every <see cref="IComputeNodeReporter"/>, and removals of orphan records.</summary>
public sealed class ComputeNodeReportingTests : IDisposable
{
    private readonly TrackerHarness _h = new();
    private readonly TestReporter _first = new();
    private readonly TestReporter _second = new();

    public ComputeNodeReportingTests()
    {
        _h.Reporters.Add(_first);
        _h.Reporters.Add(_second);
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task UpdateAvailableResourceAsync_EveryAudit_ReportsTheSavedRecordToEveryReporterEvenWhenUnchanged()
    {
        var tracker = await _h.AuditedTracker();
        await tracker.UpdateAvailableResourceAsync();

        _first.Reported.Should().HaveCount(2).And.AllSatisfy(r => r.Should().BeSameAs(tracker.ComputeNode));
        _second.Reported.Should().HaveCount(2);
        _first.Reported[0].Id.Should().NotBe(0);
        tracker.LastReportError.Should().BeNull();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_Reporting_RunsOutsideTheNodeLock()
    {
        var tracker = await _h.AuditedTracker();
        ResourceClaim? claimDuringReport = null;
        _first.OnCall = () =>
        {
            _first.OnCall = null;
            // A claim taken from inside the report completes only when the node's lock is free.
            claimDuringReport = tracker.ClaimAsync(TrackerHarness.Instance("i-1")).AsTask().GetAwaiter().GetResult();
        };

        await tracker.UpdateAvailableResourceAsync();

        claimDuringReport.Should().NotBeNull();
        claimDuringReport!.Commit();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_ReporterFails_LogsCountsKeepsTheErrorAndStillReportsToTheOthers()
    {
        using var failures = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.report.failures");
        var tracker = await _h.AuditedTracker();
        var before = tracker.ComputeNode;
        var error = new HttpRequestException("placement is down");
        _first.FailNextReport(error);

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode.Should().BeSameAs(before);
        tracker.LastReportError.Should().BeSameAs(error);
        _second.Reported.Should().HaveCount(2);
        failures.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["nova.node"].Should().Be(TrackerHarness.Node);
        var logged = _h.Logger.Collector.GetSnapshot().Single(r => r.Level == LogLevel.Error);
        logged.Message.Should().Be("Reporter TestReporter failed to report compute node compute:fake-mini; the next audit reports again");
        logged.Exception.Should().BeSameAs(error);

        await tracker.UpdateAvailableResourceAsync();
        tracker.LastReportError.Should().BeNull();
        _first.Reported.Should().HaveCount(2);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_ReporterFailsOnTheFirstAudit_TheRecordIsStillCreated()
    {
        _first.FailNextReport(new HttpRequestException("placement is down"));

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode.Should().NotBeNull();
        (await _h.Store.GetByHostAsync(TrackerHarness.Host)).Should().ContainSingle().Which.Should().Be(tracker.ComputeNode);
        tracker.LastReportError.Should().BeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_Cancelled_ReporterCancellationIsPassedOn()
    {
        var tracker = await _h.AuditedTracker();
        using var cancellation = new CancellationTokenSource();
        _first.OnCall = cancellation.Cancel;

        var audit = () => tracker.UpdateAvailableResourceAsync(cancellation.Token);

        await audit.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_DriverDisablesTracking_ReportsNothing()
    {
        _h.Driver.SetResources(TrackerHarness.Node, null);

        await _h.AuditedTracker();

        _first.Reported.Should().BeEmpty();
    }

    [Fact]
    public async Task ManagerUpdateAvailableResourceAsync_OrphanRecordDeleted_TellsEveryReporter()
    {
        var manager = new ComputeResourceManager(_h.Services, _h.Logger);
        _h.Driver.SetNodes("n1", "n2");
        await manager.UpdateAvailableResourceAsync();
        var n2 = manager.GetTracker("n2").ComputeNode!;
        _h.Driver.SetNodes("n1");

        await manager.UpdateAvailableResourceAsync();

        _first.Removed.Should().ContainSingle().Which.Should().Be(n2);
        _second.Removed.Should().ContainSingle().Which.Should().Be(n2);
    }

    [Fact]
    public async Task ManagerUpdateAvailableResourceAsync_ReporterFailsOnRemoval_LogsCountsAndFinishes()
    {
        using var failures = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.report.failures");
        var manager = new ComputeResourceManager(_h.Services, _h.Logger);
        _h.Driver.SetNodes("n1", "n2");
        await manager.UpdateAvailableResourceAsync();
        long id = manager.GetTracker("n2").ComputeNode!.Id;
        _h.Driver.SetNodes("n1");
        _first.FailNextRemove(new HttpRequestException("placement is down"));

        await manager.UpdateAvailableResourceAsync();

        _second.Removed.Should().ContainSingle();
        (await _h.Store.GetByHostAsync(TrackerHarness.Host)).Select(r => r.HypervisorHostname).Should().Equal("n1");
        failures.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["nova.node"].Should().Be("n2");
        _h.Messages.Should().Contain($"Reporter TestReporter failed to report the removal of compute node {id} hypervisor host is n2");
    }
}
