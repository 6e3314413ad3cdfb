using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Nova.Resources.Compute;

namespace Nova.Resources.Tracking;

/// <summary>Nova's resource-view log lines of an audit: what the hypervisor reports, and the final record.</summary>
internal static class ResourceView
{
    /// <summary>Nova's <c>_report_hypervisor_resource_view</c> (debug level).</summary>
    public static void ReportHypervisor(ILogger logger, string nodeName, HostResources resources)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        long freeRamMb = resources.MemoryMb!.Value - resources.MemoryMbUsed!.Value;
        long freeDiskGb = resources.LocalGb!.Value - resources.LocalGbUsed!.Value;
        Log.HypervisorResourceView(logger, nodeName, freeRamMb, freeDiskGb, FreeVcpus(resources), FormatPciDevices(resources.PciPassthroughDevices));
    }

    /// <summary>Nova's <c>_report_final_resource_view</c>.</summary>
    public static void ReportFinal(ILogger logger, ComputeNode node)
    {
        int totalVcpus = 0;
        int usedVcpus = 0;
        if (node.Vcpus != 0)
        {
            totalVcpus = node.Vcpus;
            usedVcpus = node.VcpusUsed;
            Log.VcpuView(logger, totalVcpus, usedVcpus);
        }

        Log.FinalResourceView(logger, node.HypervisorHostname, node.MemoryMb, node.MemoryMbUsed, node.LocalGb, node.LocalGbUsed, totalVcpus, usedVcpus);
    }

    /// <summary>The hypervisor's free vCPUs, or <c>unknown</c> when it reports none (Nova's text).</summary>
    public static string FreeVcpus(HostResources resources)
        => resources.Vcpus!.Value != 0
            ? (resources.Vcpus.Value - resources.VcpusUsed!.Value).ToString(CultureInfo.InvariantCulture)
            : "unknown";

    /// <summary>The PCI devices as the JSON list Nova's libvirt driver reports (<c>[]</c> when there are none).</summary>
    public static string FormatPciDevices(IReadOnlyList<PciDevice> devices)
    {
        if (devices.Count == 0)
        {
            return "[]";
        }

        var builder = new StringBuilder("[");
        for (int i = 0; i < devices.Count; i++)
        {
            var device = devices[i];
            builder.Append(i == 0 ? "{" : ", {");
            bool first = true;
            NovaJson.WriteKey(builder, "address", ref first);
            NovaJson.WriteString(builder, device.Address);
            NovaJson.WriteKey(builder, "vendor_id", ref first);
            NovaJson.WriteString(builder, device.VendorId);
            NovaJson.WriteKey(builder, "product_id", ref first);
            NovaJson.WriteString(builder, device.ProductId);
            NovaJson.WriteKey(builder, "dev_type", ref first);
            NovaJson.WriteString(builder, device.DeviceType);
            NovaJson.WriteKey(builder, "numa_node", ref first);
            if (device.NumaNode is { } numaNode)
            {
                NovaJson.WriteInt(builder, numaNode);
            }
            else
            {
                builder.Append("null");
            }

            builder.Append('}');
        }

        return builder.Append(']').ToString();
    }
}
