using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests;

/// <summary>
/// <c>VcpuPinSet</c> and the CPU sets over a real libvirt host: the driver reports every CPU, and the tracker's audit
/// narrows the counts and the NUMA cells with its options.
/// </summary>
public sealed class CpuSetOptionsThroughTheTrackerTests
{
    [Fact]
    public async Task GetAvailableResourceAsync_NoOptions_ReportsEveryCpuForTheTrackerToNarrow()
    {
        using var driver = Drivers.Create("test:///default");

        var resources = (await driver.GetAvailableResourceAsync("any"))!;

        resources.Vcpus.Should().Be(16);
        resources.NumaTopology!.Cells[0].Cpus.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
        resources.NumaTopology.Cells[0].PCpus.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
    }

    [Theory]
    [InlineData("0-3", 4)]
    [InlineData("0-63,^8", 63)]
    [InlineData("63", 1)]
    public async Task UpdateAvailableResourceAsync_VcpuPinSet_CountsThePinnedCpus(string pinSet, int expected)
    {
        using var driver = Drivers.Create(Fixtures.TestUri("node-64cpu.xml"));

        var record = await CorePath.AuditAsync(driver, new ComputeResourceOptions { VcpuPinSet = pinSet });

        record.Vcpus.Should().Be(expected);
    }

    [Theory]
    [InlineData("64", 64)]
    [InlineData("60-70", 70)]
    public async Task UpdateAvailableResourceAsync_VcpuPinSetOutOfRange_ThrowsNovasMessageWithTheHostsCpuCount(string pinSet, int highest)
    {
        using var driver = Drivers.Create(Fixtures.TestUri("node-64cpu.xml"));

        var act = () => CorePath.AuditAsync(driver, new ComputeResourceOptions { VcpuPinSet = pinSet });

        await act.Should().ThrowExactlyAsync<InvalidOperationException>().WithMessage(
            $"Invalid vcpu_pin_set config, out of hypervisor cpu range. The hypervisor reports 64 CPUs; VcpuPinSet (vcpu_pin_set) names CPU {highest}.");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_VcpuPinSet_RestrictsNumaCells()
    {
        using var driver = Drivers.Create("test:///default");

        var record = await CorePath.AuditAsync(driver, new ComputeResourceOptions { VcpuPinSet = "2-9" });

        record.Vcpus.Should().Be(8);
        record.NumaTopology!.Cells[0].Cpus.Should().Equal(2, 3, 4, 5, 6, 7);
        record.NumaTopology.Cells[1].Cpus.Should().Equal(8, 9);

        // Without a dedicated set Nova lets pinned instances use the shared CPUs.
        record.NumaTopology.Cells[1].PCpus.Should().Equal(8, 9);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_SharedAndDedicatedSets_SplitCells()
    {
        using var driver = Drivers.Create("test:///default");

        var cells = (await CorePath.AuditAsync(driver, new ComputeResourceOptions { CpuSharedSet = "0-3", CpuDedicatedSet = "8-15" })).NumaTopology!.Cells;

        cells[0].Cpus.Should().Equal(0, 1, 2, 3);
        cells[0].PCpus.Should().BeEmpty();
        cells[1].Cpus.Should().BeEmpty();
        cells[1].PCpus.Should().Equal(8, 9, 10, 11, 12, 13, 14, 15);
    }
}
