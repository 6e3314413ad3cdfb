using Nova.Resources.Compute;
using Nova.Resources.Libvirt.Capabilities;
using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests.Capabilities;

public sealed class CapabilitiesMapperTests
{
    private static HostCapabilities Qemu => CapabilitiesParser.Parse(Fixtures.Read("caps-qemu-kvm.xml"));

    [Theory]
    [InlineData("caps-test-default.xml")]
    [InlineData("caps-qemu-kvm.xml")]
    public void ToSupportedInstances_SavedCapabilities_MatchNovasOwnCode(string fixture)
    {
        var nova = Fixtures.Nova(fixture);
        var expected = nova.GetProperty("supported_instances").EnumerateArray()
            .Select(t => new SupportedInstance(t[0].GetString()!, t[1].GetString()!, t[2].GetString()!));

        var ours = CapabilitiesMapper.ToSupportedInstances(CapabilitiesParser.Parse(Fixtures.Read(fixture)));

        ours.Should().Equal(expected);
    }

    [Fact]
    public void ToSupportedInstances_QemuHost_SkipsArchitectureNovaDoesNotKnow()
    {
        CapabilitiesMapper.ToSupportedInstances(Qemu).Should().Equal(
            new SupportedInstance("i686", "qemu", "hvm"),
            new SupportedInstance("i686", "kvm", "hvm"),
            new SupportedInstance("x86_64", "qemu", "hvm"),
            new SupportedInstance("x86_64", "kvm", "hvm"));
    }

    [Fact]
    public void ToCpuInfo_QemuHost_FillsEveryField()
    {
        var info = CapabilitiesMapper.ToCpuInfo(Qemu);

        info.Arch.Should().Be("x86_64");
        info.Model.Should().Be("Skylake-Server-IBRS");
        info.Vendor.Should().Be("Intel");
        info.Topology.Should().Be(new CpuTopology(2, 2, 4, 2));
        info.Features.Should().HaveCount(14);
    }

    [Fact]
    public void ToCpuInfo_TestDriver_KeepsCellCountWithUnknownSocketsCoresThreads()
    {
        var info = CapabilitiesMapper.ToCpuInfo(CapabilitiesParser.Parse(Fixtures.Read("caps-test-default.xml")));

        info.Arch.Should().Be("i686");
        info.Model.Should().BeNull();
        info.Topology.Should().Be(new CpuTopology(Cells: 2, Sockets: null, Cores: null, Threads: null));
    }

    [Fact]
    public void ToCpuInfo_NoHostTopology_CountsOneCellAsNova()
    {
        var info = CapabilitiesMapper.ToCpuInfo(CapabilitiesParser.Parse(
            "<capabilities><host><cpu><arch>x86_64</arch><topology sockets='2' cores='8' threads='2'/></cpu></host></capabilities>"));

        info.Topology.Should().Be(new CpuTopology(1, 2, 8, 2));
    }

    [Fact]
    public void ToNumaTopology_AllCpus_ReportsCellsSiblingsMemoryAndPages()
    {
        var all = CapabilitiesMapper.AllCpus(Qemu);

        var topology = CapabilitiesMapper.ToNumaTopology(Qemu, all, all)!;

        all.Should().Equal(Enumerable.Range(0, 16));
        topology.Cells.Should().HaveCount(2);
        var cell0 = topology.Cells[0];
        cell0.Id.Should().Be(0);
        cell0.Cpus.Should().Equal(0, 1, 2, 3, 8, 9, 10, 11);
        cell0.PCpus.Should().Equal(0, 1, 2, 3, 8, 9, 10, 11);
        cell0.MemoryMb.Should().Be(64299); // 65842232 KiB / 1024, truncated as Nova's IntegerField does
        cell0.Siblings.Select(s => s.ToArray()).Should().BeEquivalentTo(
            new[] { new[] { 0, 8 }, new[] { 1, 9 }, new[] { 2, 10 }, new[] { 3, 11 } }, o => o.WithStrictOrdering());
        cell0.PageSizes.Should().Equal(new NumaPageSize(4, 15936302, 0), new NumaPageSize(2048, 1024, 0), new NumaPageSize(1048576, 0, 0));
        topology.Cells[1].MemoryMb.Should().Be(64512);
        topology.Cells[1].Cpus.Should().Equal(4, 5, 6, 7, 12, 13, 14, 15);
    }

    [Fact]
    public void ToNumaTopology_RestrictedSets_IntersectsCpusAndSiblings()
    {
        var shared = CpuSet.Create([0, 1, 8]);
        var dedicated = CpuSet.Create([4, 12, 5]);

        var topology = CapabilitiesMapper.ToNumaTopology(Qemu, shared, dedicated)!;

        topology.Cells[0].Cpus.Should().Equal(0, 1, 8);
        topology.Cells[0].PCpus.Should().BeEmpty();
        topology.Cells[0].Siblings.Select(s => s.ToArray()).Should().BeEquivalentTo(
            new[] { new[] { 0, 8 }, new[] { 1 } }, o => o.WithStrictOrdering());
        topology.Cells[1].Cpus.Should().BeEmpty();
        topology.Cells[1].PCpus.Should().Equal(4, 5, 12);
        topology.Cells[1].Siblings.Select(s => s.ToArray()).Should().BeEquivalentTo(
            new[] { new[] { 4, 12 }, new[] { 5 } }, o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData("caps-test-node-64cpu.xml")]
    public void ToNumaTopology_NoCells_IsNull(string fixture)
    {
        var caps = CapabilitiesParser.Parse(Fixtures.Read(fixture));

        CapabilitiesMapper.ToNumaTopology(caps, CpuSet.Empty, CpuSet.Empty).Should().BeNull();
    }
}
