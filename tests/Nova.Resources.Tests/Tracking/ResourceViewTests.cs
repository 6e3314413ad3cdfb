using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nova.Resources.Compute;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class ResourceViewTests
{
    [Fact]
    public void FormatPciDevices_None_IsAnEmptyJsonList()
        => ResourceView.FormatPciDevices([]).Should().Be("[]");

    [Fact]
    public void FormatPciDevices_Devices_AreNovasJsonWithNullNumaNode()
        => ResourceView.FormatPciDevices(
            [
                new PciDevice { Address = "0000:00:01.0", VendorId = "8086", ProductId = "1234", DeviceType = "type-PCI", NumaNode = 0 },
                new PciDevice { Address = "0000:00:02.0", VendorId = "10de", ProductId = "5678", DeviceType = "type-PF" },
            ]).Should().Be(
                "[{\"address\": \"0000:00:01.0\", \"vendor_id\": \"8086\", \"product_id\": \"1234\", \"dev_type\": \"type-PCI\", \"numa_node\": 0}, "
                + "{\"address\": \"0000:00:02.0\", \"vendor_id\": \"10de\", \"product_id\": \"5678\", \"dev_type\": \"type-PF\", \"numa_node\": null}]");

    [Fact]
    public void FreeVcpus_NoVcpus_IsUnknown()
        => ResourceView.FreeVcpus(FakeComputeDriver.CreateResources("n") with { Vcpus = 0 }).Should().Be("unknown");

    [Fact]
    public void ReportHypervisor_InformationLevel_LogsNothing()
    {
        var logger = new FakeLogger();
        logger.ControlLevel(LogLevel.Debug, enabled: false);

        ResourceView.ReportHypervisor(logger, "n", FakeComputeDriver.CreateResources("n"));

        logger.Collector.Count.Should().Be(0);
    }

    [Fact]
    public void ReportFinal_Record_WritesNovasTwoLines()
    {
        var logger = new FakeLogger();

        ResourceView.ReportFinal(logger, new ComputeNode { Host = "h", HypervisorHostname = "n", Vcpus = 4, VcpusUsed = 1, MemoryMb = 2048, MemoryMbUsed = 512, LocalGb = 10, LocalGbUsed = 2 });

        logger.Collector.GetSnapshot().Select(r => r.Message).Should().Equal(
            "Total usable vcpus: 4, total allocated vcpus: 1",
            "Final resource view: name=n phys_ram=2048MB used_ram=512MB phys_disk=10GB used_disk=2GB total_vcpus=4 used_vcpus=1 pci_stats=[]");
    }
}
