using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Nova.Resources.Compute;

namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>
/// Reads a libvirt node device's XML (<c>virNodeDeviceGetXMLDesc</c>) into a <see cref="PciDevice"/> as Nova's
/// <c>Host._get_pcidev_info</c> does: the address <c>dddd:bb:ss.f</c>, vendor and product ids as four hex digits,
/// the NUMA node, and the type: <c>type-PF</c> with a <c>virt_functions</c> capability, <c>type-VF</c> with a
/// <c>phys_function</c> capability that names its parent, otherwise <c>type-PCI</c>.
/// </summary>
internal static class PciDeviceParser
{
    /// <summary>Parses one node device.</summary>
    /// <param name="xml">The device XML.</param>
    /// <returns>The device, or <see langword="null"/> when it has no PCI capability.</returns>
    /// <exception cref="FormatException">The XML is malformed.</exception>
    public static PciDevice? Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XElement root;
        try
        {
            root = LibvirtXml.Parse(xml);
        }
        catch (XmlException e)
        {
            throw new FormatException($"The libvirt node device XML is not well formed: {e.Message}", e);
        }

        var pci = root.Elements("capability").FirstOrDefault(c => (string?)c.Attribute("type") == "pci");
        if (pci is null)
        {
            return null;
        }

        int domain = Decimal(pci, "domain");
        int bus = Decimal(pci, "bus");
        int slot = Decimal(pci, "slot");
        int function = Decimal(pci, "function");
        string deviceType = "type-PCI";
        foreach (var capability in pci.Elements("capability"))
        {
            string? type = (string?)capability.Attribute("type");
            if (type == "virt_functions")
            {
                deviceType = "type-PF";
                break;
            }

            if (type == "phys_function" && capability.Elements("address").Any())
            {
                deviceType = "type-VF";
                break;
            }
        }

        string? numa = (string?)pci.Element("numa")?.Attribute("node");
        return new PciDevice
        {
            Address = string.Create(CultureInfo.InvariantCulture, $"{domain:x4}:{bus:x2}:{slot:x2}.{function:x}"),
            VendorId = HexId(pci.Element("vendor")),
            ProductId = HexId(pci.Element("product")),
            DeviceType = deviceType,
            NumaNode = numa is null ? null : int.Parse(numa, NumberStyles.Integer, CultureInfo.InvariantCulture),
        };
    }

    private static int Decimal(XElement pci, string name)
    {
        string? text = (string?)pci.Element(name);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"The PCI capability of a libvirt node device has no valid <{name}> ('{text}').");
    }

    private static string? HexId(XElement? element)
    {
        string? id = (string?)element?.Attribute("id");
        if (id is null)
        {
            return null;
        }

        var digits = id.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? id.AsSpan(2) : id.AsSpan();
        return int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value)
            ? value.ToString("x4", CultureInfo.InvariantCulture)
            : throw new FormatException($"Invalid PCI id '{id}' in a libvirt node device.");
    }
}
