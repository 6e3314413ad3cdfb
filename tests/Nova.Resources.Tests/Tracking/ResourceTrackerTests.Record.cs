using System.Net;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Nova.Resources.Compute;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>The record's host address, allocation ratios, inventory and audit metrics.</summary>
public sealed partial class ResourceTrackerTests
{
    [Fact]
    public async Task UpdateAvailableResourceAsync_MyIpSet_StampsItAsHostIp()
    {
        _h.Options.MyIp = "192.0.2.10";

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.HostIp.Should().Be(IPAddress.Parse("192.0.2.10"));
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_MyIpUnset_KeepsTheDriversHostIp()
    {
        _h.Driver.SetResources(Node, FakeComputeDriver.CreateResources(Node) with { HostIp = IPAddress.Parse("198.51.100.7") });

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.HostIp.Should().Be(IPAddress.Parse("198.51.100.7"));
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_MyIpUnsetAndNoDriverHostIp_StampsTheDetectedAddressLikeNovasDefault()
    {
        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.HostIp.Should().Be(IPAddress.Parse("203.0.113.5"));
        _h.HostIpDetections.Should().Be(1);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_MyIpOrDriverHostIpSet_NeverLooksUpTheHostAddress()
    {
        _h.Options.MyIp = "192.0.2.10";
        await _h.AuditedTracker();
        _h.Options.MyIp = null;
        _h.Driver.SetResources(Node, FakeComputeDriver.CreateResources(Node) with { HostIp = IPAddress.Parse("198.51.100.7") });
        await _h.AuditedTracker();

        _h.HostIpDetections.Should().Be(0);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_HostAddressDetected_OnceForEveryAuditAndNodeAndNotBeforeTheFirstAudit()
    {
        _h.Driver.SetNodes("n1", "n2");
        var services = _h.Services;
        var manager = new Nova.Resources.Hosting.ComputeResourceManager(services, _h.Logger);
        var tracker = new ResourceTracker("n1", services);
        _h.HostIpDetections.Should().Be(0, "nothing is looked up while the services are built");

        await manager.UpdateAvailableResourceAsync();
        await manager.UpdateAvailableResourceAsync();
        await tracker.UpdateAvailableResourceAsync();

        _h.HostIpDetections.Should().Be(1);
        manager.Trackers.Values.Should().OnlyContain(t => t.ComputeNode!.HostIp!.Equals(IPAddress.Parse("203.0.113.5")));
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_MyIpChanged_SavesTheNewAddress()
    {
        _h.Options.MyIp = "192.0.2.10";
        var tracker = await _h.AuditedTracker();
        _h.Options.MyIp = "2001:db8::1";

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode!.HostIp.Should().Be(IPAddress.Parse("2001:db8::1"));
        _h.Store.Updates.Should().Be(1);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_RatiosSet_AreUsed()
    {
        _h.Options.CpuAllocationRatio = 16.0;
        _h.Options.RamAllocationRatio = 1.5;
        _h.Options.DiskAllocationRatio = 2.0;

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.CpuAllocationRatio.Should().Be(16.0);
        tracker.ComputeNode.RamAllocationRatio.Should().Be(1.5);
        tracker.ComputeNode.DiskAllocationRatio.Should().Be(2.0);
        tracker.ComputeNode.Inventory[ResourceClasses.Vcpu].AllocationRatio.Should().Be(16.0);
        tracker.ComputeNode.Inventory[ResourceClasses.MemoryMb].AllocationRatio.Should().Be(1.5);
        tracker.ComputeNode.Inventory[ResourceClasses.DiskGb].AllocationRatio.Should().Be(2.0);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_RatiosZero_MeanTheInitialRatios()
    {
        _h.Options.CpuAllocationRatio = 0.0;
        _h.Options.InitialCpuAllocationRatio = 8.0;
        _h.Options.InitialRamAllocationRatio = 1.25;

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.CpuAllocationRatio.Should().Be(8.0);
        tracker.ComputeNode.RamAllocationRatio.Should().Be(1.25);
        tracker.ComputeNode.Inventory[ResourceClasses.Vcpu].AllocationRatio.Should().Be(8.0);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_RatioUnsetAfterBeingSet_KeepsTheRecordsRatioAsNovaDoes()
    {
        _h.Options.CpuAllocationRatio = 16.0;
        var tracker = await _h.AuditedTracker();
        _h.Options.CpuAllocationRatio = null;

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode!.CpuAllocationRatio.Should().Be(16.0);
        tracker.ComputeNode.Inventory[ResourceClasses.Vcpu].AllocationRatio.Should().Be(16.0);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_Inventory_IsWhatNovasFakeDriverReports()
    {
        _h.Options.ReservedHostCpus = 2;
        _h.Options.ReservedHostDiskMb = 1025;

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.Inventory.Should().BeEquivalentTo(new Dictionary<string, InventoryRecord>
        {
            [ResourceClasses.Vcpu] = new(Total: 1000, Reserved: 2, MinUnit: 1, MaxUnit: 1000, StepSize: 1, AllocationRatio: 4.0),
            [ResourceClasses.MemoryMb] = new(Total: 800000, Reserved: 512, MinUnit: 1, MaxUnit: 800000, StepSize: 1, AllocationRatio: 1.0),
            [ResourceClasses.DiskGb] = new(Total: 600000, Reserved: 2, MinUnit: 1, MaxUnit: 600000, StepSize: 1, AllocationRatio: 1.0),
        });
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_CpuDedicatedSet_AddsPcpuInventory()
    {
        _h.Options.CpuDedicatedSet = "4-7,^5,12";

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.Inventory[ResourceClasses.Pcpu].Should().Be(
            new InventoryRecord(Total: 4, Reserved: 0, MinUnit: 1, MaxUnit: 4, StepSize: 1, AllocationRatio: 1.0));
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_ZeroTotals_LeaveTheirClassesOutOfTheInventory()
    {
        _h.SetTotals(vcpus: 0, memoryMb: 4096, localGb: 0);

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.Inventory.Keys.Should().BeEquivalentTo(ResourceClasses.MemoryMb);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_ReservationChanged_UpdatesTheInventory()
    {
        var tracker = await _h.AuditedTracker();
        var before = tracker.ComputeNode!.Inventory;
        _h.Options.ReservedHostMemoryMb = 1024;

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode!.Inventory.Should().NotBeSameAs(before);
        tracker.ComputeNode.Inventory[ResourceClasses.MemoryMb].Reserved.Should().Be(1024);
        tracker.ComputeNode.MemoryMbUsed.Should().Be(1024);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_Audits_AreCountedAndTimed()
    {
        using var audits = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.audits");
        using var failures = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.audit.failures");
        using var duration = new MetricCollector<double>(_h.Metrics.Meter, "nova.compute.audit.duration");
        var tracker = await _h.AuditedTracker();
        _h.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, new InvalidOperationException("boom"));

        await FluentActions.Awaiting(() => tracker.UpdateAvailableResourceAsync()).Should().ThrowAsync<InvalidOperationException>();

        audits.GetMeasurementSnapshot().Should().HaveCount(2).And.OnlyContain(m => m.Value == 1 && (string?)m.Tags["nova.node"] == Node);
        failures.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["nova.node"].Should().Be(Node);
        duration.GetMeasurementSnapshot().Should().HaveCount(2);
    }
}
