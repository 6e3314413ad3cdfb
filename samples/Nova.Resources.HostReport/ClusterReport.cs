using System.Globalization;
using System.Text.Json;
using Nova.Resources.Tracking;
using Spectre.Console;

namespace Nova.Resources.HostReport;

/// <summary>
/// Prints the cluster as the store holds it: Nova's hypervisor statistics (<c>GET /os-hypervisors/statistics</c>) and one
/// line per compute-node record, as a table or as JSON with Nova's field names.
/// </summary>
internal static class ClusterReport
{
    public static async Task WriteAsync(IComputeNodeStore store, ReportRenderer renderer, CancellationToken cancellationToken)
    {
        var statistics = await store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var nodes = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        if (renderer.Json)
        {
            renderer.Output.WriteLine(ToJson(statistics, nodes));
            return;
        }

        var console = renderer.AnsiConsoleOut;
        console.MarkupLine(
            $"[bold]{statistics.Count}[/] compute node(s): vcpus {statistics.VcpusUsed}/{statistics.Vcpus} used, "
            + $"memory {statistics.MemoryMbUsed}/{statistics.MemoryMb} MiB used ({statistics.FreeRamMb} free), "
            + $"disk {statistics.LocalGbUsed}/{statistics.LocalGb} GiB used ({statistics.FreeDiskGb} free), "
            + $"running vms {statistics.RunningVms}, workload {statistics.CurrentWorkload}, disk available least {statistics.DiskAvailableLeast} GiB");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string heading in new[] { "host", "node", "vcpus", "memory (MiB)", "disk (GiB)", "vms", "host ip", "uuid" })
        {
            table.AddColumn(heading);
        }

        foreach (var node in nodes)
        {
            table.AddRow(
                Markup.Escape(node.Host),
                Markup.Escape(node.HypervisorHostname),
                $"{node.VcpusUsed}/{node.Vcpus}",
                $"{node.MemoryMbUsed}/{node.MemoryMb}",
                $"{node.LocalGbUsed}/{node.LocalGb}",
                node.RunningVms.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(node.HostIp?.ToString() ?? "-"),
                node.Uuid.ToString());
        }

        console.Write(table);
    }

    public static string ToJson(ClusterStatistics statistics, IReadOnlyList<ComputeNode> nodes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("hypervisor_statistics");
            writer.WriteNumber("count", statistics.Count);
            writer.WriteNumber("vcpus", statistics.Vcpus);
            writer.WriteNumber("memory_mb", statistics.MemoryMb);
            writer.WriteNumber("local_gb", statistics.LocalGb);
            writer.WriteNumber("vcpus_used", statistics.VcpusUsed);
            writer.WriteNumber("memory_mb_used", statistics.MemoryMbUsed);
            writer.WriteNumber("local_gb_used", statistics.LocalGbUsed);
            writer.WriteNumber("free_ram_mb", statistics.FreeRamMb);
            writer.WriteNumber("free_disk_gb", statistics.FreeDiskGb);
            writer.WriteNumber("current_workload", statistics.CurrentWorkload);
            writer.WriteNumber("running_vms", statistics.RunningVms);
            writer.WriteNumber("disk_available_least", statistics.DiskAvailableLeast);
            writer.WriteEndObject();
            writer.WriteStartArray("hypervisors");
            foreach (var node in nodes)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", node.Id);
                writer.WriteString("uuid", node.Uuid);
                writer.WriteString("host", node.Host);
                writer.WriteString("hypervisor_hostname", node.HypervisorHostname);
                writer.WriteString("hypervisor_type", node.HypervisorType);
                writer.WriteNumber("hypervisor_version", node.HypervisorVersion);
                writer.WriteString("host_ip", node.HostIp?.ToString());
                writer.WriteNumber("vcpus", node.Vcpus);
                writer.WriteNumber("vcpus_used", node.VcpusUsed);
                writer.WriteNumber("memory_mb", node.MemoryMb);
                writer.WriteNumber("memory_mb_used", node.MemoryMbUsed);
                writer.WriteNumber("free_ram_mb", node.FreeRamMb);
                writer.WriteNumber("local_gb", node.LocalGb);
                writer.WriteNumber("local_gb_used", node.LocalGbUsed);
                writer.WriteNumber("free_disk_gb", node.FreeDiskGb);
                writer.WriteNumber("running_vms", node.RunningVms);
                writer.WriteNumber("current_workload", node.CurrentWorkload);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
