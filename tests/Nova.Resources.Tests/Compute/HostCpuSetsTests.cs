using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests.Compute;

public sealed class HostCpuSetsTests
{
    private static readonly HostResources Host = FakeComputeDriver.CreateResources("n") with
    {
        Vcpus = 8,
        NumaTopology = new NumaTopology(
        [
            new NumaCell { Id = 0, Cpus = CpuSet.Parse("0-3"), PCpus = CpuSet.Parse("0-3"), MemoryMb = 1024, Siblings = [CpuSet.Parse("0,4"), CpuSet.Parse("1,5"), CpuSet.Parse("2-3")] },
            new NumaCell { Id = 1, Cpus = CpuSet.Parse("4-7"), PCpus = CpuSet.Parse("4-7"), MemoryMb = 1024 },
        ]),
    };

    [Fact]
    public void Apply_NoSets_ReturnsTheSameResources()
        => HostCpuSets.Apply(Host, new ComputeResourceOptions()).Should().BeSameAs(Host);

    [Fact]
    public void Apply_VcpuPinSet_CountsItAndNarrowsTheCellsAndSiblings()
    {
        var applied = HostCpuSets.Apply(Host, new ComputeResourceOptions { VcpuPinSet = "1-2,5" });

        applied.Vcpus.Should().Be(3);
        var cell = applied.NumaTopology!.Cells[0];
        cell.Cpus.Should().Equal(1, 2);
        cell.PCpus.Should().Equal(1, 2);
        cell.Siblings.Should().Equal(CpuSet.Parse("1"), CpuSet.Parse("2"));
        applied.NumaTopology.Cells[1].Cpus.Should().Equal(5);
    }

    [Fact]
    public void Apply_OnlySharedSet_PinnedInstancesGetNoCpus()
    {
        var applied = HostCpuSets.Apply(Host, new ComputeResourceOptions { CpuSharedSet = "0-1" });

        applied.Vcpus.Should().Be(8);
        applied.NumaTopology!.Cells[0].Cpus.Should().Equal(0, 1);
        applied.NumaTopology.Cells[0].PCpus.Should().BeEmpty();
    }

    [Fact]
    public void Apply_PinSetPastTheHostsCpus_ThrowsNovasMessageWithTheCount()
    {
        var apply = () => HostCpuSets.Apply(Host, new ComputeResourceOptions { VcpuPinSet = "0-8" });

        apply.Should().ThrowExactly<InvalidOperationException>().WithMessage(
            "Invalid vcpu_pin_set config, out of hypervisor cpu range. The hypervisor reports 8 CPUs; VcpuPinSet (vcpu_pin_set) names CPU 8.");
    }

    [Fact]
    public void Apply_NoTopology_KeepsItNull()
        => HostCpuSets.Apply(Host with { NumaTopology = null }, new ComputeResourceOptions { VcpuPinSet = "0" }).NumaTopology.Should().BeNull();
}
