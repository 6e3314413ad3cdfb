using System.Net;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Nova.Resources.Compute;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>Usage from the reservations, the instances and the orphans.</summary>
public sealed partial class ResourceTrackerTests
{
    [Fact]
    public async Task UpdateAvailableResourceAsync_Reservations_AreTheStartingUsage()
    {
        _h.Options.ReservedHostMemoryMb = 2048;
        _h.Options.ReservedHostCpus = 2;
        _h.Options.ReservedHostDiskMb = 10240;

        var tracker = await _h.AuditedTracker();

        var node = tracker.ComputeNode!;
        node.MemoryMbUsed.Should().Be(2048);
        node.VcpusUsed.Should().Be(2);
        node.LocalGbUsed.Should().Be(10);
        _h.Messages.Should().Contain("Final resource view: name=fake-mini phys_ram=800000MB used_ram=2048MB phys_disk=600000GB used_disk=10GB total_vcpus=1000 used_vcpus=2 pci_stats=[]");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_HypervisorUsage_IsReplacedByInstanceAccounting()
    {
        _h.Driver.SetResources(Node, FakeComputeDriver.CreateResources(Node) with { VcpusUsed = 50, MemoryMbUsed = 40000, LocalGbUsed = 3000 });

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.VcpusUsed.Should().Be(0);
        tracker.ComputeNode.MemoryMbUsed.Should().Be(512);
        tracker.ComputeNode.LocalGbUsed.Should().Be(0);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_InstancesFromTheSource_AreCountedWithSwapInWholeGb()
    {
        var source = new TestInstanceSource();
        source.Set(Node,
            TrackerHarness.Instance("a", vcpus: 2, memoryMb: 2048, rootGb: 20, ephemeralGb: 5, swapMb: 1536),
            TrackerHarness.Instance("b", vcpus: 4, memoryMb: 4096, rootGb: 0, ephemeralGb: 0, swapMb: 2048));
        _h.InstanceSource = source;

        var tracker = await _h.AuditedTracker();

        var node = tracker.ComputeNode!;
        node.VcpusUsed.Should().Be(6);
        node.MemoryMbUsed.Should().Be(512 + 2048 + 4096);
        node.LocalGbUsed.Should().Be(20 + 5 + 1 + 2);
        node.FreeRamMb.Should().Be(800000 - 512 - 2048 - 4096);
        node.FreeDiskGb.Should().Be(600000 - 28);
        node.RunningVms.Should().Be(2);
        source.Calls.Should().Equal(("compute", Node));
    }

    [Theory]
    [InlineData("deleted", null, false)]
    [InlineData("shelved_offloaded", null, false)]
    [InlineData("shelved_offloaded", "spawning", true)]
    [InlineData("shelved", null, true)]
    [InlineData(null, null, true)]
    public async Task UpdateAvailableResourceAsync_InstanceState_DecidesWhetherItUsesResources(string? vmState, string? taskState, bool counted)
    {
        var source = new TestInstanceSource();
        source.Set(Node, TrackerHarness.Instance("a", memoryMb: 1000, vmState: vmState, taskState: taskState));
        _h.InstanceSource = source;

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(counted ? 1512 : 512);
        tracker.ComputeNode.RunningVms.Should().Be(counted ? 1 : 0);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_Instances_GiveNovasStats()
    {
        var source = new TestInstanceSource();
        source.Set(Node,
            TrackerHarness.Instance("a") with { VmState = "active", TaskState = null, OsType = "linux", ProjectId = "p1" },
            TrackerHarness.Instance("b") with { VmState = "building", TaskState = "spawning", OsType = "linux", ProjectId = "p2" },
            TrackerHarness.Instance("c") with { VmState = "active", TaskState = "image_snapshot", OsType = "windows", ProjectId = "p1" });
        _h.InstanceSource = source;

        var tracker = await _h.AuditedTracker();

        // The dictionary Nova's own Stats gives for these three instances.
        tracker.ComputeNode!.Stats.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["num_instances"] = 3,
            ["num_vm_active"] = 2,
            ["num_vm_building"] = 1,
            ["num_task_None"] = 1,
            ["num_task_spawning"] = 1,
            ["num_task_image_snapshot"] = 1,
            ["num_os_type_linux"] = 2,
            ["num_os_type_windows"] = 1,
            ["num_proj_p1"] = 2,
            ["num_proj_p2"] = 1,
            ["io_workload"] = 2,
        });
        tracker.ComputeNode.CurrentWorkload.Should().Be(2);
        tracker.ComputeNode.RunningVms.Should().Be(3);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_SameInstanceTwice_CountsItOnce()
    {
        var source = new TestInstanceSource();
        source.Set(Node, TrackerHarness.Instance("a", memoryMb: 1000), TrackerHarness.Instance("a", memoryMb: 1000));
        _h.InstanceSource = source;

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(1512);
        tracker.ComputeNode.Stats["num_instances"].Should().Be(1);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_OrphanInstances_CountTheirMemoryOnlyWithNovasWarning()
    {
        var source = new TestInstanceSource();
        source.Set(Node, TrackerHarness.Instance("tracked", vcpus: 2, memoryMb: 1024));
        _h.InstanceSource = source;
        _h.Driver.SetInstanceUsage(Node,
            new InstanceUsage("tracked", "instance-1", 2, 1024),
            new InstanceUsage("orphan", "instance-2", 4, 2048));

        var tracker = await _h.AuditedTracker();

        var node = tracker.ComputeNode!;
        node.MemoryMbUsed.Should().Be(512 + 1024 + 2048);
        node.VcpusUsed.Should().Be(2);
        node.RunningVms.Should().Be(1);
        var warning = _h.Logger.Collector.GetSnapshot().Single(r => r.Level == LogLevel.Warning);
        warning.Message.Should().Be("Detected running orphan instance: orphan (consuming 2048 MB memory)");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_OverCommittedInstances_GiveNegativeFreeResources()
    {
        _h.SetTotals(vcpus: 2, memoryMb: 1024, localGb: 10);
        var source = new TestInstanceSource();
        source.Set(Node, TrackerHarness.Instance("a", vcpus: 4, memoryMb: 2048, rootGb: 20));
        _h.InstanceSource = source;

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.FreeRamMb.Should().Be(1024 - 512 - 2048);
        tracker.ComputeNode.FreeDiskGb.Should().Be(-10);
        tracker.ComputeNode.VcpusUsed.Should().Be(4);
    }
}
