using System.Globalization;
using System.Text;
using Nova.Resources.Compute;
using Nova.Resources.Tracking;

namespace Nova.Resources.PostgreSql;

/// <summary>
/// Writes the JSON text columns as Nova writes them (Python's <c>json.dumps</c> formatting): <c>stats</c> as a
/// dictionary of strings (Nova's <c>DictOfNullableStringsField</c>), <c>supported_instances</c> as a list of
/// <c>[arch, hv_type, vm_mode]</c> lists, <c>numa_topology</c> as the primitive of Nova's versioned
/// <c>NUMATopology</c> object, and the inventory as Placement's inventory fields.
/// </summary>
internal static class NovaColumnWriter
{
    public static string Stats(IReadOnlyDictionary<string, long> stats)
    {
        var builder = new StringBuilder(16 + (stats.Count * 24));
        builder.Append('{');
        bool first = true;
        foreach (var pair in stats.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            NovaJson.WriteKey(builder, pair.Key, ref first);
            NovaJson.WriteString(builder, pair.Value.ToString(CultureInfo.InvariantCulture));
        }

        return builder.Append('}').ToString();
    }

    public static string SupportedInstances(IReadOnlyList<SupportedInstance> instances)
    {
        var builder = new StringBuilder(2 + (instances.Count * 32));
        builder.Append('[');
        for (int i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            builder.Append(i == 0 ? "[" : ", [");
            NovaJson.WriteString(builder, instance.Architecture);
            builder.Append(", ");
            NovaJson.WriteString(builder, instance.HypervisorType);
            builder.Append(", ");
            NovaJson.WriteString(builder, instance.VmMode);
            builder.Append(']');
        }

        return builder.Append(']').ToString();
    }

    /// <summary>Nova's <c>NUMATopology._to_json()</c>: version 1.2 of the topology, 1.5 of each cell, 1.1 of each page size.</summary>
    public static string NumaTopology(NumaTopology topology)
    {
        var builder = new StringBuilder(256 * Math.Max(1, topology.Cells.Count));
        BeginObject(builder, "NUMATopology", "1.2");
        builder.Append("{\"cells\": [");
        for (int i = 0; i < topology.Cells.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            Cell(builder, topology.Cells[i]);
        }

        builder.Append("]}");
        return EndObject(builder, "\"cells\"");
    }

    public static string Inventory(IReadOnlyDictionary<string, InventoryRecord> inventory)
    {
        var builder = new StringBuilder(2 + (inventory.Count * 128));
        builder.Append('{');
        bool first = true;
        foreach (var pair in inventory.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            var record = pair.Value;
            NovaJson.WriteKey(builder, pair.Key, ref first);
            builder.Append("{\"total\": ").Append(Long(record.Total))
                .Append(", \"reserved\": ").Append(Long(record.Reserved))
                .Append(", \"min_unit\": ").Append(Long(record.MinUnit))
                .Append(", \"max_unit\": ").Append(Long(record.MaxUnit))
                .Append(", \"step_size\": ").Append(Long(record.StepSize))
                .Append(", \"allocation_ratio\": ").Append(Float(record.AllocationRatio))
                .Append('}');
        }

        return builder.Append('}').ToString();
    }

    /// <summary>Python's <c>repr</c> of a float: the shortest text that reads back the same, always with a point or exponent.</summary>
    internal static string Float(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E', 'N') >= 0 || text.Contains("Infinity", StringComparison.Ordinal)
            ? text.Replace("E", "e", StringComparison.Ordinal)
            : text + ".0";
    }

    private static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Cell(StringBuilder builder, NumaCell cell)
    {
        BeginObject(builder, "NUMACell", "1.5");
        builder.Append("{\"id\": ").Append(cell.Id.ToString(CultureInfo.InvariantCulture));
        builder.Append(", \"cpuset\": ");
        Ids(builder, cell.Cpus);
        builder.Append(", \"pcpuset\": ");
        Ids(builder, cell.PCpus);
        builder.Append(", \"memory\": ").Append(Long(cell.MemoryMb));
        builder.Append(", \"cpu_usage\": 0, \"memory_usage\": 0, \"pinned_cpus\": [], \"siblings\": [");
        for (int i = 0; i < cell.Siblings.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            Ids(builder, cell.Siblings[i]);
        }

        builder.Append("], \"mempages\": [");
        for (int i = 0; i < cell.PageSizes.Count; i++)
        {
            var page = cell.PageSizes[i];
            if (i > 0)
            {
                builder.Append(", ");
            }

            BeginObject(builder, "NUMAPagesTopology", "1.1");
            builder.Append("{\"size_kb\": ").Append(page.SizeKb.ToString(CultureInfo.InvariantCulture))
                .Append(", \"total\": ").Append(Long(page.Total))
                .Append(", \"used\": ").Append(Long(page.Used))
                .Append(", \"reserved\": 0}");
            EndObject(builder, "\"size_kb\", \"total\", \"used\", \"reserved\"");
        }

        builder.Append("], \"network_metadata\": ");
        BeginObject(builder, "NetworkMetadata", "1.0");
        builder.Append("{\"physnets\": [], \"tunneled\": false}");
        EndObject(builder, "\"physnets\", \"tunneled\"");
        builder.Append(", \"socket\": null}");
        EndObject(builder, "\"id\", \"cpuset\", \"pcpuset\", \"memory\", \"cpu_usage\", \"memory_usage\", \"pinned_cpus\", \"siblings\", \"mempages\", \"network_metadata\", \"socket\"");
    }

    private static void Ids(StringBuilder builder, CpuSet cpus)
    {
        builder.Append('[');
        bool first = true;
        foreach (int cpu in cpus)
        {
            builder.Append(first ? string.Empty : ", ").Append(cpu.ToString(CultureInfo.InvariantCulture));
            first = false;
        }

        builder.Append(']');
    }

    private static void BeginObject(StringBuilder builder, string name, string version)
        => builder.Append("{\"nova_object.name\": \"").Append(name)
            .Append("\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"").Append(version)
            .Append("\", \"nova_object.data\": ");

    private static string EndObject(StringBuilder builder, string changes)
        => builder.Append(", \"nova_object.changes\": [").Append(changes).Append("]}").ToString();
}
