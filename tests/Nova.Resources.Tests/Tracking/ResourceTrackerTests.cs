using System.Net;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Nova.Resources.Compute;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed partial class ResourceTrackerTests : IDisposable
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

}
