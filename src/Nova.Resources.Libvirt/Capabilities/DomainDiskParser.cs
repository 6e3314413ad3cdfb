using System.Xml;

namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>
/// Finds a domain's local file disks in its XML (<c>virDomainGetXMLDesc</c>), the disks Nova's
/// <c>_get_instance_disk_info_from_config</c> sizes for <c>disk_available_least</c>: <c>disk</c> devices of
/// type <c>file</c> with a source path. Block devices and network volumes are never over-committed there.
/// </summary>
/// <remarks>This runs for every domain on every audit, so it streams the XML instead of building a tree.</remarks>
internal static class DomainDiskParser
{
    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Returns the file disks of a domain.</summary>
    /// <param name="xml">The domain XML.</param>
    /// <returns>Each disk's target device (such as <c>vda</c>), source path and driver format (such as <c>qcow2</c>).</returns>
    /// <exception cref="XmlException">The XML is not well formed.</exception>
    public static List<(string Target, string Path, string? Format)> FileDisks(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var disks = new List<(string, string, string?)>();
        if (!xml.Contains("<disk", StringComparison.Ordinal))
        {
            return disks;
        }

        using var reader = XmlReader.Create(new StringReader(xml), s_settings);
        reader.Read();
        while (!reader.EOF)
        {
            // /domain/devices/disk
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 2 || reader.LocalName != "disk")
            {
                reader.Read();
                continue;
            }

            if (reader.GetAttribute("type") != "file" || (reader.GetAttribute("device") ?? "disk") != "disk" || reader.IsEmptyElement)
            {
                reader.Skip(); // to the next sibling
                continue;
            }

            string? path = null, target = null, format = null;
            int depth = reader.Depth;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
                {
                    switch (reader.LocalName)
                    {
                        case "source":
                            path = reader.GetAttribute("file");
                            break;
                        case "target":
                            target = reader.GetAttribute("dev");
                            break;
                        case "driver":
                            format = reader.GetAttribute("type");
                            break;
                        default:
                            break;
                    }
                }
            }

            if (!string.IsNullOrEmpty(path))
            {
                disks.Add((target ?? path, path, format));
            }

            reader.Read(); // past </disk>
        }

        return disks;
    }
}
