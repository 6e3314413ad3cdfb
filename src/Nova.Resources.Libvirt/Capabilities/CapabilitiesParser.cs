using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>
/// Reads libvirt's capabilities XML the way Nova's <c>LibvirtConfigCaps</c> does: the host CPU (arch, model,
/// vendor, topology, features that are not disabled), the NUMA cells (memory, pages, CPUs and their siblings)
/// and the guests (os type, arch, domain types).
/// </summary>
internal static class CapabilitiesParser
{
    /// <summary>Parses a capabilities document.</summary>
    /// <param name="xml">The XML from <c>virConnectGetCapabilities</c>.</param>
    /// <returns>The parsed capabilities.</returns>
    /// <exception cref="FormatException">The XML is not well formed or is not a capabilities document.</exception>
    public static HostCapabilities Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XElement root;
        try
        {
            root = LibvirtXml.Parse(xml);
        }
        catch (XmlException e)
        {
            throw new FormatException($"The libvirt capabilities XML is not well formed: {e.Message}", e);
        }

        if (root.Name.LocalName != "capabilities")
        {
            throw new FormatException($"Expected a libvirt <capabilities> document, not <{root.Name.LocalName}>.");
        }

        var host = root.Element("host");
        var cpu = ParseCpu(host?.Element("cpu"));
        var topology = host?.Element("topology");
        IReadOnlyList<CapabilitiesCell>? cells = topology is null
            ? null
            : [.. (topology.Element("cells")?.Elements("cell") ?? []).Select(ParseCell)];
        var guests = root.Elements("guest").Select(ParseGuest).ToArray();
        return new HostCapabilities(cpu, cells, guests);
    }

    /// <summary>Parses libvirt's CPU list format (<c>0-3,8,10-11</c>), as used by the <c>siblings</c> attribute.</summary>
    /// <param name="text">The list.</param>
    /// <returns>The CPUs.</returns>
    /// <exception cref="FormatException">The text is not a CPU list.</exception>
    internal static CpuSet ParseCpuList(string text)
    {
        var cpus = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                cpus.Add(ParseId(part, text));
                continue;
            }

            int first = ParseId(part[..dash], text);
            int last = ParseId(part[(dash + 1)..], text);
            if (last < first)
            {
                throw new FormatException($"Invalid CPU list '{text}' in the libvirt capabilities.");
            }

            for (int i = first; i <= last; i++)
            {
                cpus.Add(i);
            }
        }

        return CpuSet.Create(cpus);
    }

    private static int ParseId(string value, string list) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int id) && id <= CpuSet.MaxCpuId
            ? id
            : throw new FormatException($"Invalid CPU list '{list}' in the libvirt capabilities.");

    private static HostCpu ParseCpu(XElement? cpu)
    {
        if (cpu is null)
        {
            return new HostCpu(null, null, null, null, null, null, []);
        }

        var topology = cpu.Element("topology");
        var features = new List<string>();
        foreach (var feature in cpu.Elements("feature"))
        {
            string? name = (string?)feature.Attribute("name");
            if (name is not null && (string?)feature.Attribute("policy") != "disable" && !features.Contains(name))
            {
                features.Add(name);
            }
        }

        return new HostCpu(
            (string?)cpu.Element("arch"),
            (string?)cpu.Element("model"),
            (string?)cpu.Element("vendor"),
            IntAttribute(topology, "sockets"),
            IntAttribute(topology, "cores"),
            IntAttribute(topology, "threads"),
            features);
    }

    private static CapabilitiesCell ParseCell(XElement cell)
    {
        int id = IntAttribute(cell, "id") ?? throw new FormatException("A NUMA <cell> of the libvirt capabilities has no id.");
        long memory = LongText(cell.Element("memory")) ?? 0;
        var pages = cell.Elements("pages")
            .Select(p => (SizeKib: IntAttribute(p, "size") ?? 0, Count: LongText(p) ?? 0))
            .ToArray();
        var cpus = (cell.Element("cpus")?.Elements("cpu") ?? [])
            .Select(c => new CapabilitiesCpu(
                CpuId(c, id),
                IntAttribute(c, "socket_id"),
                c.Attribute("siblings") is { } siblings ? ParseCpuList(siblings.Value) : CpuSet.Empty))
            .ToArray();
        return new CapabilitiesCell(id, memory, pages, cpus);
    }

    /// <summary>A cell's CPU id, within the range a <see cref="CpuSet"/> holds.</summary>
    private static int CpuId(XElement cpu, int cell)
    {
        int id = IntAttribute(cpu, "id") ?? throw new FormatException($"A <cpu> of NUMA cell {cell} has no id.");
        return id is >= 0 and <= CpuSet.MaxCpuId
            ? id
            : throw new FormatException($"Invalid id='{id}' on a <cpu> of NUMA cell {cell} in the libvirt capabilities: CPU ids range from 0 to {CpuSet.MaxCpuId}.");
    }

    private static CapabilitiesGuest ParseGuest(XElement guest)
    {
        var arch = guest.Element("arch");
        var domains = (arch?.Elements("domain") ?? [])
            .Select(d => (string?)d.Attribute("type"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new CapabilitiesGuest((string?)guest.Element("os_type"), (string?)arch?.Attribute("name"), domains);
    }

    private static int? IntAttribute(XElement? element, string name)
    {
        string? value = (string?)element?.Attribute(name);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result)
            ? result
            : throw new FormatException($"Invalid {name}='{value}' on <{element!.Name.LocalName}> in the libvirt capabilities.");
    }

    private static long? LongText(XElement? element)
    {
        if (element is null || string.IsNullOrWhiteSpace(element.Value))
        {
            return null;
        }

        return long.TryParse(element.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long result)
            ? result
            : throw new FormatException($"Invalid <{element.Name.LocalName}> value '{element.Value}' in the libvirt capabilities.");
    }
}
