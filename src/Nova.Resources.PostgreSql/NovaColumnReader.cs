using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;
using Nova.Resources.Compute;
using Nova.Resources.Tracking;

namespace Nova.Resources.PostgreSql;

/// <summary>
/// Reads the JSON text columns <see cref="NovaColumnWriter"/> writes, and Nova's own: <c>stats</c> values as strings or
/// numbers, <c>numa_topology</c> as Nova's versioned-object primitive. Throws <see cref="JsonException"/>,
/// <see cref="FormatException"/> or <see cref="InvalidOperationException"/> on text of another shape.
/// </summary>
internal static class NovaColumnReader
{
    private const string Data = "nova_object.data";

    /// <summary>Reads <c>stats</c>; a value that is not an integer (Nova's driver may add text such as <c>uptime</c>) is left out.</summary>
    public static IReadOnlyDictionary<string, long> Stats(string json)
    {
        using var document = JsonDocument.Parse(json);
        var stats = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number))
            {
                stats[property.Name] = number;
            }
            else if (value.ValueKind == JsonValueKind.String
                && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
            {
                stats[property.Name] = number;
            }
        }

        return stats.Count == 0 ? ReadOnlyDictionary<string, long>.Empty : stats.AsReadOnly();
    }

    public static IReadOnlyList<SupportedInstance> SupportedInstances(string json)
    {
        using var document = JsonDocument.Parse(json);
        var instances = new List<SupportedInstance>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.GetArrayLength() != 3)
            {
                throw new FormatException("supported_instances must hold [arch, hv_type, vm_mode] triples.");
            }

            instances.Add(new SupportedInstance(Text(item[0]), Text(item[1]), Text(item[2])));
        }

        return instances;
    }

    public static NumaTopology NumaTopology(string json)
    {
        using var document = JsonDocument.Parse(json);
        var cells = new List<NumaCell>();
        foreach (var cell in document.RootElement.GetProperty(Data).GetProperty("cells").EnumerateArray())
        {
            var data = cell.GetProperty(Data);
            var pages = new List<NumaPageSize>();
            if (data.TryGetProperty("mempages", out var mempages) && mempages.ValueKind == JsonValueKind.Array)
            {
                foreach (var page in mempages.EnumerateArray())
                {
                    var pageData = page.GetProperty(Data);
                    pages.Add(new NumaPageSize(
                        pageData.GetProperty("size_kb").GetInt32(),
                        pageData.GetProperty("total").GetInt64(),
                        pageData.TryGetProperty("used", out var used) ? used.GetInt64() : 0));
                }
            }

            var siblings = new List<CpuSet>();
            if (data.TryGetProperty("siblings", out var siblingList) && siblingList.ValueKind == JsonValueKind.Array)
            {
                foreach (var group in siblingList.EnumerateArray())
                {
                    siblings.Add(Ids(group));
                }
            }

            cells.Add(new NumaCell
            {
                Id = data.GetProperty("id").GetInt32(),
                Cpus = Ids(data.GetProperty("cpuset")),
                PCpus = data.TryGetProperty("pcpuset", out var pcpus) ? Ids(pcpus) : CpuSet.Empty,
                MemoryMb = data.GetProperty("memory").GetInt64(),
                Siblings = siblings,
                PageSizes = pages,
            });
        }

        return new NumaTopology(cells);
    }

    public static IReadOnlyDictionary<string, InventoryRecord> Inventory(string json)
    {
        using var document = JsonDocument.Parse(json);
        var inventory = new Dictionary<string, InventoryRecord>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value;
            inventory[property.Name] = new InventoryRecord(
                value.GetProperty("total").GetInt64(),
                value.GetProperty("reserved").GetInt64(),
                value.GetProperty("min_unit").GetInt64(),
                value.GetProperty("max_unit").GetInt64(),
                value.GetProperty("step_size").GetInt64(),
                value.GetProperty("allocation_ratio").GetDouble());
        }

        return inventory.Count == 0 ? ReadOnlyDictionary<string, InventoryRecord>.Empty : inventory.AsReadOnly();
    }

    private static string Text(JsonElement element)
        => element.GetString() ?? throw new FormatException("supported_instances values must be strings.");

    private static CpuSet Ids(JsonElement array)
    {
        if (array.ValueKind == JsonValueKind.Null)
        {
            return CpuSet.Empty;
        }

        var ids = new List<int>(array.GetArrayLength());
        foreach (var id in array.EnumerateArray())
        {
            ids.Add(id.GetInt32());
        }

        return CpuSet.Create(ids);
    }
}
