using Nova.Resources.Compute;
using Nova.Resources.Libvirt.Capabilities;

namespace Nova.Resources.Libvirt.Tests.Capabilities;

public sealed class PciDeviceParserTests
{
    private const string Standard = """
        <device>
          <name>pci_0000_00_1f_2</name>
          <parent>computer</parent>
          <capability type='pci'>
            <class>0x010601</class>
            <domain>0</domain>
            <bus>0</bus>
            <slot>31</slot>
            <function>2</function>
            <product id='0x2922'>82801IR/IO/IH (ICH9R/DO/DH) 6 port SATA Controller [AHCI mode]</product>
            <vendor id='0x8086'>Intel Corporation</vendor>
            <iommuGroup number='8'><address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/></iommuGroup>
          </capability>
        </device>
        """;

    [Fact]
    public void Parse_StandardDevice_ReadsAddressIdsAndType()
    {
        PciDeviceParser.Parse(Standard).Should().Be(new PciDevice
        {
            Address = "0000:00:1f.2",
            VendorId = "8086",
            ProductId = "2922",
            DeviceType = "type-PCI",
            NumaNode = null,
        });
    }

    [Fact]
    public void Parse_PhysicalFunction_IsTypePf()
    {
        string xml = Standard.Replace("<iommuGroup", "<capability type='virt_functions' maxCount='7'/><numa node='1'/><iommuGroup", StringComparison.Ordinal);

        var device = PciDeviceParser.Parse(xml)!;

        device.DeviceType.Should().Be("type-PF");
        device.NumaNode.Should().Be(1);
    }

    [Fact]
    public void Parse_VirtualFunctionWithParent_IsTypeVf()
    {
        string xml = Standard.Replace("<iommuGroup", "<capability type='phys_function'><address domain='0x0000' bus='0x3b' slot='0x00' function='0x0'/></capability><iommuGroup", StringComparison.Ordinal);

        PciDeviceParser.Parse(xml)!.DeviceType.Should().Be("type-VF");
    }

    [Fact]
    public void Parse_DeviceWithoutPciCapability_ReturnsNull()
    {
        PciDeviceParser.Parse("<device><name>computer</name><capability type='system'/></device>").Should().BeNull();
    }

    [Fact]
    public void Parse_MissingBus_ThrowsFormatException()
    {
        var act = () => PciDeviceParser.Parse("<device><capability type='pci'><domain>0</domain></capability></device>");

        act.Should().Throw<FormatException>().WithMessage("*<bus>*");
    }
}
