using System.Net;
using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests.Compute;

public sealed class HostResourcesTests
{
    [Fact]
    public void Equals_EqualContentInDifferentLists_AreEqualWithEqualHashes()
    {
        var a = FakeComputeDriver.CreateResources("node1") with
        {
            SupportedInstances = new List<SupportedInstance> { new("x86_64", "kvm", "hvm") },
            PciPassthroughDevices = new List<PciDevice> { new() { Address = "0000:04:10.0" } },
            NumaTopology = new NumaTopology(new List<NumaCell> { Cell(0) }),
            HostIp = IPAddress.Parse("192.0.2.10"),
        };
        var b = FakeComputeDriver.CreateResources("node1") with
        {
            SupportedInstances = [new("x86_64", "kvm", "hvm")],
            PciPassthroughDevices = [new() { Address = "0000:04:10.0" }],
            NumaTopology = new NumaTopology([Cell(0)]),
            HostIp = IPAddress.Parse("192.0.2.10"),
        };

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(OneValueChanged))]
    public void Equals_OneValueDifferent_AreNotEqual(HostResources changed)
    {
        changed.Should().NotBe(FakeComputeDriver.CreateResources("node1"));
    }

    public static TheoryData<HostResources> OneValueChanged()
    {
        var r = FakeComputeDriver.CreateResources("node1");
        return new TheoryData<HostResources>
        {
            r with { Vcpus = 1 },
            r with { MemoryMb = 1 },
            r with { LocalGb = 1 },
            r with { VcpusUsed = 1 },
            r with { MemoryMbUsed = 1 },
            r with { LocalGbUsed = 1 },
            r with { HypervisorType = "QEMU" },
            r with { HypervisorVersion = 1 },
            r with { HypervisorHostname = "node2" },
            r with { CpuInfo = null },
            r with { DiskAvailableLeast = 1 },
            r with { SupportedInstances = [] },
            r with { NumaTopology = new NumaTopology([]) },
            r with { PciPassthroughDevices = [new() { Address = "0000:04:10.0" }] },
            r with { HostIp = IPAddress.Loopback },
        };
    }

    [Fact]
    public void Lists_ChangedAfterInit_RecordKeepsItsCopies()
    {
        var instances = new List<SupportedInstance> { new("x86_64", "kvm", "hvm") };
        var devices = new List<PciDevice>();
        var cells = new List<NumaCell> { Cell(0) };
        var resources = new HostResources { SupportedInstances = instances, PciPassthroughDevices = devices, NumaTopology = new NumaTopology(cells) };

        instances.Clear();
        devices.Add(new PciDevice { Address = "0000:04:10.0" });
        cells.Add(Cell(1));

        resources.SupportedInstances.Should().ContainSingle();
        resources.PciPassthroughDevices.Should().BeEmpty();
        resources.NumaTopology!.Cells.Should().ContainSingle();
    }

    [Fact]
    public void Lists_CastBackToWritableList_CannotBeChanged()
    {
        var resources = new HostResources { SupportedInstances = [new("x86_64", "kvm", "hvm")] };

        var act = () => ((IList<SupportedInstance>)resources.SupportedInstances).Add(new("i686", "kvm", "hvm"));

        act.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void Lists_SetToNull_ThrowsArgumentNullException()
    {
        var act = () => new HostResources { SupportedInstances = null! };

        act.Should().Throw<ArgumentNullException>().WithParameterName("SupportedInstances");
    }

    [Fact]
    public void NumaCell_EqualSiblingsAndPages_AreEqual()
    {
        var a = Cell(0) with { Siblings = new List<CpuSet> { CpuSet.Range(0, 1) }, PageSizes = new List<NumaPageSize> { new(4, 100, 0) } };
        var b = Cell(0) with { Siblings = [CpuSet.Range(0, 1)], PageSizes = [new(4, 100, 0)] };

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a with { PageSizes = [new(2048, 10, 0)] }).Should().NotBe(b);
    }

    [Fact]
    public void NumaCell_NullCpus_ThrowsArgumentNullException()
    {
        var act = () => Cell(0) with { Cpus = null! };

        act.Should().Throw<ArgumentNullException>();
    }

    private static NumaCell Cell(int id) => new() { Id = id, Cpus = CpuSet.Range(0, 3), MemoryMb = 1024 };
}
