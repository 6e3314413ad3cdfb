using System.Globalization;
using System.Text;

namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>
/// Formats the host CPU as Nova's <c>cpu_info</c> JSON string (<c>LibvirtDriver._get_cpu_info</c> through
/// <c>jsonutils.dumps</c>): keys <c>arch, model, vendor, topology {cells, sockets, cores, threads}</c>, then
/// <c>maxphysaddr {mode, bits}</c> when the host reports it (Nova 29.0.0 and later), then <c>features</c>;
/// Python's separators (<c>", "</c>, <c>": "</c>) and ASCII-only escaping. Nova serialises the features from a
/// set, so their order is not defined there; here they keep the XML's order.
/// </summary>
internal static class CpuInfoJson
{
    /// <summary>Formats the capabilities' host CPU.</summary>
    /// <param name="capabilities">The parsed capabilities.</param>
    /// <returns>The JSON text.</returns>
    public static string Format(HostCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var cpu = capabilities.Cpu;

        // Nova: len(getattr(caps.host.topology, 'cells', [1])): one cell when the host has no topology element.
        int cells = capabilities.Cells?.Count ?? 1;
        var json = new StringBuilder(256);
        json.Append("{\"arch\": ");
        AppendString(json, cpu.Arch);
        json.Append(", \"model\": ");
        AppendString(json, cpu.Model);
        json.Append(", \"vendor\": ");
        AppendString(json, cpu.Vendor);
        json.Append(", \"topology\": {\"cells\": ").Append(cells.ToString(CultureInfo.InvariantCulture));
        json.Append(", \"sockets\": ");
        AppendInt(json, cpu.Sockets);
        json.Append(", \"cores\": ");
        AppendInt(json, cpu.Cores);
        json.Append(", \"threads\": ");
        AppendInt(json, cpu.Threads);
        json.Append('}');
        if (cpu.MaxPhysAddrMode is not null || cpu.MaxPhysAddrBits is not null)
        {
            json.Append(", \"maxphysaddr\": {\"mode\": ");
            AppendString(json, cpu.MaxPhysAddrMode);
            json.Append(", \"bits\": ");
            AppendInt(json, cpu.MaxPhysAddrBits);
            json.Append('}');
        }

        json.Append(", \"features\": [");
        for (int i = 0; i < cpu.Features.Count; i++)
        {
            if (i > 0)
            {
                json.Append(", ");
            }

            AppendString(json, cpu.Features[i]);
        }

        return json.Append("]}").ToString();
    }

    private static void AppendInt(StringBuilder json, int? value)
    {
        if (value is { } v)
        {
            json.Append(v.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            json.Append("null");
        }
    }

    /// <summary>Appends a JSON string as Python's <c>json.dumps</c> (ensure_ascii) writes it.</summary>
    private static void AppendString(StringBuilder json, string? value)
    {
        if (value is null)
        {
            json.Append("null");
            return;
        }

        json.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        json.Append('"');
    }
}
