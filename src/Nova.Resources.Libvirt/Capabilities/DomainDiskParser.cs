using System.Xml.Linq;

namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>
/// Finds a domain's local file disks in its XML (<c>virDomainGetXMLDesc</c>), the disks Nova's
/// <c>_get_instance_disk_info_from_config</c> sizes for <c>disk_available_least</c>: <c>disk</c> devices of
/// type <c>file</c> with a source path. Block devices and network volumes are never over-committed there.
/// </summary>
internal static class DomainDiskParser
{
    /// <summary>Returns the file disks of a domain.</summary>
    /// <param name="xml">The domain XML.</param>
    /// <returns>Each disk's target device (such as <c>vda</c>), source path and driver format (such as <c>qcow2</c>).</returns>
    public static List<(string Target, string Path, string? Format)> FileDisks(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var disks = new List<(string, string, string?)>();
        foreach (var disk in XElement.Parse(xml).Element("devices")?.Elements("disk") ?? [])
        {
            if ((string?)disk.Attribute("type") != "file" || ((string?)disk.Attribute("device") ?? "disk") != "disk")
            {
                continue;
            }

            string? path = (string?)disk.Element("source")?.Attribute("file");
            string? target = (string?)disk.Element("target")?.Attribute("dev");
            if (!string.IsNullOrEmpty(path))
            {
                disks.Add((target ?? path, path, (string?)disk.Element("driver")?.Attribute("type")));
            }
        }

        return disks;
    }
}
