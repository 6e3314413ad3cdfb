using Nova.Resources.Libvirt.Capabilities;
using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests.Capabilities;

public sealed class CapabilitiesParserTests
{
    [Fact]
    public void Parse_TestDriverDefault_ReadsHostCpuCellsAndGuests()
    {
        var caps = CapabilitiesParser.Parse(Fixtures.Read("caps-test-default.xml"));

        caps.Cpu.Arch.Should().Be("i686");
        caps.Cpu.Model.Should().BeNull();
        caps.Cpu.Vendor.Should().BeNull();
        caps.Cpu.Sockets.Should().BeNull();
        caps.Cpu.Features.Should().BeEmpty("<features><pae/></features> are not <feature name=...> elements");
        caps.Cells.Should().HaveCount(2);
        caps.Cells![0].Id.Should().Be(0);
        caps.Cells[0].MemoryKib.Should().Be(2097152);
        caps.Cells[0].Pages.Should().Equal((4, 524288L), (2048, 0L), (1048576, 0L));
        caps.Cells[0].Cpus.Select(c => c.Id).Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
        caps.Cells[1].MemoryKib.Should().Be(4194304);
        caps.Cells[1].Cpus.Select(c => c.Id).Should().Equal(8, 9, 10, 11, 12, 13, 14, 15);
        caps.Cells[1].Cpus[0].Siblings.Should().Equal(8);
        caps.Cells[1].Cpus[0].SocketId.Should().Be(1);
        caps.Guests.Should().HaveCount(2);
        caps.Guests[0].Should().BeEquivalentTo(new { OsType = "hvm", Arch = "i686", DomainTypes = new[] { "test" } });
        caps.Guests[1].OsType.Should().Be("xen");
    }

    [Fact]
    public void Parse_QemuKvmHost_ReadsModelVendorTopologyFeaturesAndSiblings()
    {
        var caps = CapabilitiesParser.Parse(Fixtures.Read("caps-qemu-kvm.xml"));

        caps.Cpu.Should().BeEquivalentTo(new
        {
            Arch = "x86_64",
            Model = "Skylake-Server-IBRS",
            Vendor = "Intel",
            Sockets = 2,
            Cores = 4,
            Threads = 2,
        });
        caps.Cpu.Features.Should().HaveCount(14).And.StartWith(["ds", "acpi"]).And.Contain("invtsc");
        caps.Cells.Should().HaveCount(2);
        caps.Cells![0].Cpus.Select(c => c.Id).Should().Equal(0, 1, 2, 3, 8, 9, 10, 11);
        caps.Cells[0].Cpus[0].Siblings.Should().Equal(0, 8);
        caps.Cells[1].Pages.Should().Equal((4, 16515072L), (2048, 0L), (1048576, 2L));
        caps.Guests.Select(g => g.Arch).Should().Equal("i686", "x86_64", "loongarch64");
        caps.Guests[1].DomainTypes.Should().Equal("qemu", "kvm");
    }

    [Fact]
    public void Parse_TestDriverNodeFile_HasTopologyWithNoCells()
    {
        var caps = CapabilitiesParser.Parse(Fixtures.Read("caps-test-node-64cpu.xml"));

        caps.Cells.Should().NotBeNull().And.BeEmpty();
    }

    [Fact]
    public void Parse_HostWithoutTopology_HasNullCells()
    {
        var caps = CapabilitiesParser.Parse("<capabilities><host><cpu><arch>x86_64</arch></cpu></host></capabilities>");

        caps.Cells.Should().BeNull();
        caps.Guests.Should().BeEmpty();
    }

    [Fact]
    public void Parse_DisabledFeature_IsLeftOut()
    {
        var caps = CapabilitiesParser.Parse(
            "<capabilities><host><cpu><feature name='a'/><feature policy='disable' name='b'/><feature name='a'/></cpu></host></capabilities>");

        caps.Cpu.Features.Should().Equal("a");
    }

    [Theory]
    [InlineData("<capabilities><host>")]
    [InlineData("<domain/>")]
    [InlineData("<capabilities><host><cpu><topology sockets='x' cores='1' threads='1'/></cpu></host></capabilities>")]
    [InlineData("<capabilities><host><topology><cells num='1'><cell id='0'><cpus num='1'><cpu id='0' siblings='0-'/></cpus></cell></cells></topology></host></capabilities>")]
    public void Parse_MalformedDocument_ThrowsFormatException(string xml)
    {
        var act = () => CapabilitiesParser.Parse(xml);

        act.Should().Throw<FormatException>().WithMessage("*capabilities*");
    }

    [Theory]
    [InlineData("0", new[] { 0 })]
    [InlineData("0,8", new[] { 0, 8 })]
    [InlineData("0-3,8-9", new[] { 0, 1, 2, 3, 8, 9 })]
    [InlineData(" 4 , 2 ", new[] { 2, 4 })]
    public void ParseCpuList_LibvirtFormat_ReturnsCpus(string text, int[] expected)
    {
        CapabilitiesParser.ParseCpuList(text).Should().Equal(expected);
    }
}
