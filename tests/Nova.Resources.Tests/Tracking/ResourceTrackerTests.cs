using System.Net;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Nova.Resources.Compute;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class ResourceTrackerTests : IDisposable
{
    private const string Node = TrackerHarness.Node;
    private readonly TrackerHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task UpdateAvailableResourceAsync_FakeDriverWithDefaultReservation_ReportsNovasNumbers()
    {
        var tracker = _h.CreateTracker();

        await tracker.UpdateAvailableResourceAsync();

        var node = tracker.ComputeNode!;
        node.Host.Should().Be("compute");
        node.HypervisorHostname.Should().Be(Node);
        node.HypervisorType.Should().Be("fake");
        node.HypervisorVersion.Should().Be(1000);
        node.Vcpus.Should().Be(1000);
        node.VcpusUsed.Should().Be(0);
        node.MemoryMb.Should().Be(800000);
        node.MemoryMbUsed.Should().Be(512);
        node.FreeRamMb.Should().Be(799488);
        node.LocalGb.Should().Be(600000);
        node.LocalGbUsed.Should().Be(0);
        node.FreeDiskGb.Should().Be(600000);
        node.RunningVms.Should().Be(0);
        node.CurrentWorkload.Should().Be(0);
        node.CpuAllocationRatio.Should().Be(4.0);
        node.RamAllocationRatio.Should().Be(1.0);
        node.DiskAllocationRatio.Should().Be(1.0);
        node.DiskAvailableLeast.Should().Be(0);
        node.SupportedInstances.Should().Equal(new SupportedInstance("x86_64", "fake", "hvm"));
        node.CpuInfo!.Model.Should().Be("Nehalem");
        node.NumaTopology.Should().BeNull();
        node.Stats.Should().BeEmpty();
        node.CreatedAt.Should().Be(_h.Time.GetUtcNow());
        node.UpdatedAt.Should().BeNull();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_FakeDriver_LogsNovasHypervisorAndFinalViews()
    {
        var tracker = _h.CreateTracker();

        await tracker.UpdateAvailableResourceAsync();

        _h.Messages.Should().ContainInOrder(
            "Auditing locally available compute resources for compute (node: fake-mini)",
            "Hypervisor/Node resource view: name=fake-mini free_ram=800000MB free_disk=600000GB free_vcpus=1000 pci_devices=[]",
            "Total usable vcpus: 1000, total allocated vcpus: 0",
            "Final resource view: name=fake-mini phys_ram=800000MB used_ram=512MB phys_disk=600000GB used_disk=0GB total_vcpus=1000 used_vcpus=0 pci_stats=[]",
            "Compute node record created for compute:fake-mini",
            "Compute_service record updated for compute:fake-mini");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NoVcpusReported_LogsUnknownFreeVcpusAndZeroTotals()
    {
        _h.Driver.SetResources(Node, FakeComputeDriver.CreateResources(Node) with { Vcpus = 0, MemoryMbUsed = 100, LocalGbUsed = 7 });
        var tracker = _h.CreateTracker();

        await tracker.UpdateAvailableResourceAsync();

        _h.Messages.Should().Contain("Hypervisor/Node resource view: name=fake-mini free_ram=799900MB free_disk=599993GB free_vcpus=unknown pci_devices=[]");
        _h.Messages.Should().Contain(m => m.StartsWith("Final resource view:", StringComparison.Ordinal) && m.Contains("total_vcpus=0 used_vcpus=0", StringComparison.Ordinal));
        _h.Messages.Should().NotContain(m => m.StartsWith("Total usable vcpus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_PciDevices_LogsThemAsNovasJsonList()
    {
        _h.Driver.SetResources(Node, FakeComputeDriver.CreateResources(Node) with
        {
            PciPassthroughDevices = [new PciDevice { Address = "0000:04:10.0", VendorId = "8086", ProductId = "1520", DeviceType = "type-VF", NumaNode = 0 }],
        });
        var tracker = _h.CreateTracker();

        await tracker.UpdateAvailableResourceAsync();

        _h.Messages.Should().Contain(
            "Hypervisor/Node resource view: name=fake-mini free_ram=800000MB free_disk=600000GB free_vcpus=1000 pci_devices="
            + "[{\"address\": \"0000:04:10.0\", \"vendor_id\": \"8086\", \"product_id\": \"1520\", \"dev_type\": \"type-VF\", \"numa_node\": 0}]");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_FirstAudit_CreatesTheRecordOnce()
    {
        var tracker = _h.CreateTracker();

        await tracker.UpdateAvailableResourceAsync();

        _h.Store.Creates.Should().Be(1);
        _h.Store.Updates.Should().Be(0);
        var stored = await _h.Store.GetByHostAsync("compute");
        stored.Should().ContainSingle().Which.Should().Be(tracker.ComputeNode);
        tracker.ComputeNode!.Id.Should().Be(1);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NothingChanged_DoesNotSaveAndKeepsTheSameRecord()
    {
        var tracker = await _h.AuditedTracker();
        var first = tracker.ComputeNode;
        _h.Time.Advance(TimeSpan.FromMinutes(1));

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode.Should().BeSameAs(first);
        _h.Store.Creates.Should().Be(1);
        _h.Store.Updates.Should().Be(0);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_ResourcesChanged_SavesTheNewRecordWithUpdatedAt()
    {
        var tracker = await _h.AuditedTracker();
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        _h.SetTotals(vcpus: 8, memoryMb: 16384, localGb: 100);

        await tracker.UpdateAvailableResourceAsync();

        var node = tracker.ComputeNode!;
        node.Vcpus.Should().Be(8);
        node.FreeRamMb.Should().Be(16384 - 512);
        node.UpdatedAt.Should().Be(_h.Time.GetUtcNow());
        node.CreatedAt.Should().Be(_h.Time.GetUtcNow() - TimeSpan.FromMinutes(1));
        _h.Store.Updates.Should().Be(1);
        (await _h.Store.GetByHostAsync("compute")).Single().Should().Be(node);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_RecordInStoreAfterRestart_AdoptsItInsteadOfCreating()
    {
        await _h.AuditedTracker();
        var restarted = _h.CreateTracker();

        await restarted.UpdateAvailableResourceAsync();

        _h.Store.Creates.Should().Be(1);
        _h.Store.Updates.Should().Be(0);
        restarted.ComputeNode!.Id.Should().Be(1);
        _h.Messages.Count(m => m.StartsWith("Compute node record created", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_DriverDoesNotSupportTracking_DisablesTheNode()
    {
        var tracker = await _h.AuditedTracker();
        _h.Driver.SetResources(Node, null);

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode.Should().BeNull();
        _h.Messages.Should().Contain("Virt driver does not support 'get_available_resource'. Compute tracking is disabled.");
        var claim = async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-1"));
        (await claim.Should().ThrowAsync<ComputeResourcesUnavailableException>())
            .WithMessage("Attempt to claim resources for instance i-1 on unknown node fake-mini failed");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_TrackingEnabledAgain_ReadsTheStoredRecord()
    {
        var tracker = await _h.AuditedTracker();
        _h.Driver.SetResources(Node, null);
        await tracker.UpdateAvailableResourceAsync();
        _h.Driver.ResetResources(Node);

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode!.Id.Should().Be(1);
        _h.Store.Creates.Should().Be(1);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_MissingKeys_ThrowsNovasMessageAndKeepsTheLastRecord()
    {
        var tracker = await _h.AuditedTracker();
        var good = tracker.ComputeNode;
        _h.Driver.SetResources(Node, FakeComputeDriver.CreateResources(Node) with { Vcpus = null, LocalGbUsed = null });

        var audit = () => tracker.UpdateAvailableResourceAsync();

        (await audit.Should().ThrowAsync<InvalidHostResourcesException>())
            .WithMessage("Invalid input received: Missing keys: ['vcpus', 'local_gb_used']");
        tracker.ComputeNode.Should().BeSameAs(good);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_DriverFails_KeepsTheLastRecord()
    {
        var tracker = await _h.AuditedTracker();
        var good = tracker.ComputeNode;
        _h.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, new InvalidOperationException("libvirt is gone"));

        var audit = () => tracker.UpdateAvailableResourceAsync();

        await audit.Should().ThrowAsync<InvalidOperationException>().WithMessage("libvirt is gone");
        tracker.ComputeNode.Should().BeSameAs(good);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_SaveFails_KeepsTheLastRecordAndSavesOnTheNextAudit()
    {
        var tracker = await _h.AuditedTracker();
        var good = tracker.ComputeNode;
        _h.SetTotals(vcpus: 8, memoryMb: 16384, localGb: 100);
        _h.Store.FailNextUpdate(new IOException("database is down"));

        var audit = () => tracker.UpdateAvailableResourceAsync();

        await audit.Should().ThrowAsync<IOException>();
        tracker.ComputeNode.Should().BeSameAs(good);
        (await _h.Store.GetByHostAsync("compute")).Single().Vcpus.Should().Be(1000);

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode!.Vcpus.Should().Be(8);
        (await _h.Store.GetByHostAsync("compute")).Single().Vcpus.Should().Be(8);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_CreateFails_LeavesNoRecordAndCreatesOnTheNextAudit()
    {
        var tracker = _h.CreateTracker();
        _h.Store.FailNextCreate(new IOException("database is down"));

        var audit = () => tracker.UpdateAvailableResourceAsync();

        await audit.Should().ThrowAsync<IOException>();
        tracker.ComputeNode.Should().BeNull();

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode.Should().NotBeNull();
        _h.Store.Creates.Should().Be(2);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_Cancelled_ThrowsAndKeepsTheLastRecord()
    {
        var tracker = await _h.AuditedTracker();
        var good = tracker.ComputeNode;
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var audit = () => tracker.UpdateAvailableResourceAsync(cts.Token);

        await audit.Should().ThrowAsync<OperationCanceledException>();
        tracker.ComputeNode.Should().BeSameAs(good);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1023, 0)]
    [InlineData(1024, 1)]
    [InlineData(1536, 1)]
    [InlineData(4096, 4)]
    public async Task UpdateAvailableResourceAsync_ReservedHostDisk_IsTruncatedToWholeGb(int reservedMb, long expectedGb)
    {
        _h.Options.ReservedHostDiskMb = reservedMb;

        var tracker = await _h.AuditedTracker();

        tracker.ComputeNode!.LocalGbUsed.Should().Be(expectedGb);
        tracker.ComputeNode.FreeDiskGb.Should().Be(600000 - expectedGb);
    }

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
