using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Nova.Resources.Compute;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tests.Tracking;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Hosting;

public sealed class ComputeResourceManagerTests : IDisposable
{
    private readonly TrackerHarness _h = new();
    private readonly ComputeResourceManager _manager;

    public ComputeResourceManagerTests()
    {
        _manager = new ComputeResourceManager(_h.Services, _h.Logger);
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task UpdateAvailableResourceAsync_FakeDriver_TracksItsOneNode()
    {
        await _manager.UpdateAvailableResourceAsync();

        _manager.Trackers.Keys.Should().Equal("fake-mini");
        var tracker = _manager.GetTracker("fake-mini");
        tracker.NodeName.Should().Be("fake-mini");
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
        (await _h.Store.GetByHostAsync("compute")).Should().ContainSingle().Which.HypervisorHostname.Should().Be("fake-mini");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_AgainWithTheSameNodes_KeepsTheTrackers()
    {
        _h.Driver.SetNodes("n1", "n2");
        await _manager.UpdateAvailableResourceAsync();
        var first = _manager.GetTracker("n1");

        await _manager.UpdateAvailableResourceAsync();

        _manager.GetTracker("n1").Should().BeSameAs(first);
        _manager.Trackers.Keys.Should().BeEquivalentTo("n1", "n2");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NodeNoLongerReported_DeletesItsRecordWithNovasMessage()
    {
        _h.Driver.SetNodes("n1", "n2", "n3");
        await _manager.UpdateAvailableResourceAsync();
        var n2 = _manager.GetTracker("n2").ComputeNode!;
        _h.Driver.SetNodes("n1", "n3");

        await _manager.UpdateAvailableResourceAsync();

        _manager.Trackers.Keys.Should().BeEquivalentTo("n1", "n3");
        (await _h.Store.GetByHostAsync("compute")).Select(r => r.HypervisorHostname).Should().BeEquivalentTo("n1", "n3");
        _h.Messages.Should().Contain($"Deleting orphan compute node {n2.Id} hypervisor host is n2, nodes are {{'n1', 'n3'}}");
        var getTracker = () => _manager.GetTracker("n2");
        getTracker.Should().Throw<KeyNotFoundException>().WithMessage("n2 is not a valid node managed by this compute host.");

        // HostState forgot the dropped node: reading it without refresh goes to the driver again.
        int reads = _h.Driver.GetCallCount(FakeComputeDriverMethod.GetAvailableResource);
        await _h.HostState.GetHostStatsAsync("n2");
        _h.Driver.GetCallCount(FakeComputeDriverMethod.GetAvailableResource).Should().Be(reads + 1);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NoNodes_DeletesEveryRecordOfTheHost()
    {
        await _manager.UpdateAvailableResourceAsync();
        _h.Driver.SetNodes();

        await _manager.UpdateAvailableResourceAsync();

        _manager.Trackers.Should().BeEmpty();
        (await _h.Store.GetByHostAsync("compute")).Should().BeEmpty();
        _h.Messages.Should().Contain("Deleting orphan compute node 1 hypervisor host is fake-mini, nodes are set()");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_RecordLeftByAnEarlierRun_IsDeleted()
    {
        await _h.Store.CreateAsync(new ComputeNode { Host = "compute", HypervisorHostname = "gone" });
        await _h.Store.CreateAsync(new ComputeNode { Host = "other-host", HypervisorHostname = "gone" });

        await _manager.UpdateAvailableResourceAsync();

        (await _h.Store.GetByHostAsync("compute")).Select(r => r.HypervisorHostname).Should().Equal("fake-mini");
        (await _h.Store.GetByHostAsync("other-host")).Should().ContainSingle();
        _h.Messages.Should().Contain("Deleting orphan compute node 1 hypervisor host is gone, nodes are {'fake-mini'}");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_OneOfThreeNodesFails_LogsItAndUpdatesTheOthers()
    {
        _h.Driver.SetNodes("n1", "n2", "n3");
        _h.Driver.SetResources("n2", FakeComputeDriver.CreateResources("n2") with { MemoryMb = null });

        await _manager.UpdateAvailableResourceAsync();

        _manager.GetTracker("n1").ComputeNode.Should().NotBeNull();
        _manager.GetTracker("n2").ComputeNode.Should().BeNull();
        _manager.GetTracker("n3").ComputeNode.Should().NotBeNull();
        var error = _h.Logger.Collector.GetSnapshot().Single(r => r.Level == LogLevel.Error);
        error.Message.Should().Be("Error updating resources for node n2.");
        error.Exception.Should().BeOfType<InvalidHostResourcesException>()
            .Which.Message.Should().Be("Invalid input received: Missing keys: ['memory_mb']");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NodeFailsAfterAGoodAudit_KeepsItsRecordAndItIsNotDeleted()
    {
        _h.Driver.SetNodes("n1", "n2");
        await _manager.UpdateAvailableResourceAsync();
        var good = _manager.GetTracker("n2").ComputeNode;
        _h.Driver.SetResources("n2", FakeComputeDriver.CreateResources("n2") with { Vcpus = null });

        await _manager.UpdateAvailableResourceAsync();

        _manager.GetTracker("n2").ComputeNode.Should().BeSameAs(good);
        (await _h.Store.GetByHostAsync("compute")).Should().HaveCount(2);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NodeListFails_ThrowsAndKeepsTheTrackers()
    {
        using var failures = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.audit.failures");
        await _manager.UpdateAvailableResourceAsync();
        var before = _manager.Trackers;
        _h.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableNodes, new InvalidOperationException("not ready"));

        var audit = () => _manager.UpdateAvailableResourceAsync();

        await audit.Should().ThrowAsync<InvalidOperationException>();
        _manager.Trackers.Should().BeSameAs(before);
        failures.GetMeasurementSnapshot().Should().ContainSingle();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_OrphanDeleteFails_LogsAndRetriesNextTime()
    {
        _h.Driver.SetNodes("n1", "n2", "n3");
        await _manager.UpdateAvailableResourceAsync();
        _h.Driver.SetNodes("n1");
        _h.Store.FailNextDelete(new IOException("database is down"));

        await _manager.UpdateAvailableResourceAsync();

        (await _h.Store.GetByHostAsync("compute")).Select(r => r.HypervisorHostname).Should().BeEquivalentTo("n1", "n2");
        _h.Logger.Collector.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Error && r.Exception is IOException
            && r.Message == "Failed to delete orphan compute node 2 hypervisor host is n2; trying again at the next audit");

        await _manager.UpdateAvailableResourceAsync();

        (await _h.Store.GetByHostAsync("compute")).Select(r => r.HypervisorHostname).Should().Equal("n1");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_DuplicateNodeNames_AreOneNode()
    {
        _h.Driver.SetNodes("n1", "n1");

        await _manager.UpdateAvailableResourceAsync();

        _manager.Trackers.Should().ContainSingle();
        _h.Store.Creates.Should().Be(1);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var audit = () => _manager.UpdateAvailableResourceAsync(cts.Token);

        await audit.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_Concurrent_RunOneAfterTheOther()
    {
        _h.Driver.SetNodes("n1", "n2");
        var arrived = _h.Driver.HangNextCall(FakeComputeDriverMethod.GetAvailableNodes);
        var first = _manager.UpdateAvailableResourceAsync();
        await arrived.WaitAsync(TimeSpan.FromSeconds(30));

        var second = _manager.UpdateAvailableResourceAsync();

        second.IsCompleted.Should().BeFalse();
        _h.Driver.GetCallCount(FakeComputeDriverMethod.GetAvailableNodes).Should().Be(1);
        _h.Driver.ReleaseHungCalls();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));
        _h.Driver.GetCallCount(FakeComputeDriverMethod.GetAvailableNodes).Should().Be(2);
        _h.Store.Creates.Should().Be(2);
    }

    [Fact]
    public async Task Gauges_ReportEachNodesTotalsAndUsage()
    {
        _h.Driver.SetNodes("n1", "n2");
        _h.SetTotals(vcpus: 8, memoryMb: 16384, localGb: 200, node: "n2");
        using var memoryUsed = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.memory.used");
        using var vcpus = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.vcpus");
        using var disk = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.disk");
        await _manager.UpdateAvailableResourceAsync();
        await using (var claim = await _manager.GetTracker("n2").ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024)))
        {
            claim.Commit();
        }

        memoryUsed.RecordObservableInstruments();
        vcpus.RecordObservableInstruments();
        disk.RecordObservableInstruments();

        Values(memoryUsed).Should().BeEquivalentTo(new Dictionary<string, long> { ["n1"] = 512, ["n2"] = 1536 });
        Values(vcpus).Should().BeEquivalentTo(new Dictionary<string, long> { ["n1"] = 1000, ["n2"] = 8 });
        Values(disk).Should().BeEquivalentTo(new Dictionary<string, long> { ["n1"] = 600000, ["n2"] = 200 });
        memoryUsed.Instrument!.Unit.Should().Be("MiBy");
        disk.Instrument!.Unit.Should().Be("GiBy");
        vcpus.Instrument!.Unit.Should().Be("{cpu}");
    }

    [Fact]
    public async Task Gauges_UsedVcpusAndDisk_FollowReservationsAndClaims()
    {
        _h.Options.ReservedHostCpus = 1;
        _h.Options.ReservedHostDiskMb = 2048;
        using var vcpusUsed = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.vcpus.used");
        using var diskUsed = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.disk.used");
        await _manager.UpdateAvailableResourceAsync();
        await using var claim = await _manager.GetTracker("fake-mini").ClaimAsync(TrackerHarness.Instance("i-1", vcpus: 4, rootGb: 10, ephemeralGb: 5));
        claim.Commit();

        vcpusUsed.RecordObservableInstruments();
        diskUsed.RecordObservableInstruments();

        Values(vcpusUsed).Should().Equal(new Dictionary<string, long> { ["fake-mini"] = 5 });
        Values(diskUsed).Should().Equal(new Dictionary<string, long> { ["fake-mini"] = 17 });
    }

    [Fact]
    public async Task Gauges_NodeWithoutRecord_YieldsNothing()
    {
        _h.Driver.SetNodes("n1", "n2");
        _h.Driver.SetResources("n2", null);
        using var memory = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.memory");
        await _manager.UpdateAvailableResourceAsync();

        memory.RecordObservableInstruments();

        Values(memory).Keys.Should().Equal("n1");
    }

    [Theory]
    [InlineData(new string[0], "set()")]
    [InlineData(new[] { "node1" }, "{'node1'}")]
    [InlineData(new[] { "a", "b" }, "{'a', 'b'}")]
    [InlineData(new[] { "it's" }, "{\"it's\"}")]
    public void FormatNodeSet_WritesPythonsSetRepr(string[] nodes, string expected)
        => ComputeResourceManager.FormatNodeSet(nodes).Should().Be(expected);

    private static Dictionary<string, long> Values(MetricCollector<long> collector)
        => collector.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["nova.node"]!, m => m.Value);
}
