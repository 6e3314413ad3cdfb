using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Nova.Resources.HostReport;

/// <summary>Prints node views as tables or JSON.</summary>
internal sealed class ReportRenderer(bool json, TextWriter output)
{
    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Interactive = ReferenceEquals(output, System.Console.Out) ? InteractionSupport.Detect : InteractionSupport.No,
        Ansi = ReferenceEquals(output, System.Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
    });

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public bool Json => json;

    public IAnsiConsole AnsiConsoleOut => _console;

    public TextWriter Output => output;

    public void Write(IReadOnlyList<NodeView> nodes)
    {
        if (json)
        {
            output.WriteLine(ToJson(nodes));
            return;
        }

        if (nodes.Count == 0)
        {
            _console.MarkupLine("[yellow]The driver reports no node with resource tracking.[/]");
            return;
        }

        _console.Write(Render(nodes));
    }

    public static string ToJson(IReadOnlyList<NodeView> nodes) => JsonSerializer.Serialize(nodes, JsonOptions);

    public static IRenderable Render(IReadOnlyList<NodeView> nodes)
    {
        var rows = new List<IRenderable>();
        foreach (var node in nodes)
        {
            rows.Add(new Rule($"[bold]{Markup.Escape(node.Node)}[/]") { Justification = Justify.Left });
            rows.Add(new Markup(
                $"host [bold]{Markup.Escape(node.Host)}[/]  hypervisor [bold]{Markup.Escape(node.HypervisorType ?? "?")}[/] "
                + $"{node.HypervisorVersion}  ip {Markup.Escape(node.HostIp ?? "-")}  running vms {node.RunningVms}"
                + (node.OrphanInstances > 0 ? $"  untracked (orphan) instances {node.OrphanInstances}" : string.Empty)
                + (node.DiskAvailableLeast is { } least ? $"  disk available least {least} GiB" : string.Empty)));
            rows.Add(ResourceTable(node));
            if (node.MemoryMb.UsedBy is not null)
            {
                rows.Add(UsedTable(node));
            }

            rows.Add(InventoryTable(node));
        }

        return new Rows(rows);
    }

    private static Table ResourceTable(NodeView node)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Resources (Nova's compute-node record)");
        table.AddColumn("resource");
        foreach (var heading in new[] { "total", "used", "free", "ratio" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        AddLine(table, "vcpus", node.Vcpus);
        AddLine(table, "memory (MiB)", node.MemoryMb);
        AddLine(table, "local disk (GiB)", node.DiskGb);
        return table;
    }

    private static void AddLine(Table table, string name, ResourceLine line)
    {
        string free = line.Free < 0 ? $"[red]{line.Free}[/]" : line.Free.ToString(CultureInfo.InvariantCulture);
        table.AddRow(name, line.Total.ToString(CultureInfo.InvariantCulture), line.Used.ToString(CultureInfo.InvariantCulture), free, line.AllocationRatio.ToString("0.0##", CultureInfo.InvariantCulture));
    }

    /// <summary>Where each used figure comes from, beside what the hypervisor itself reports as used.</summary>
    private static Table UsedTable(NodeView node)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Where used comes from")
            .Caption("hypervisor: what it reports as used itself; orphans: its domains no one tracks (memory only, as Nova)");
        table.AddColumn("resource");
        foreach (var heading in new[] { "used", "= reserved", "+ instances", "+ orphans", "hypervisor" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
        foreach (var (name, line) in new[] { ("vcpus", node.Vcpus), ("memory (MiB)", node.MemoryMb), ("local disk (GiB)", node.DiskGb) })
        {
            table.AddRow(name, Number(line.Used), Number(line.UsedBy?.Reserved), Number(line.UsedBy?.Instances), Number(line.UsedBy?.Orphans), Number(line.HypervisorUsed));
        }

        return table;
    }

    private static Table InventoryTable(NodeView node)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Placement inventory");
        table.AddColumn("class");
        foreach (var heading in new[] { "total", "reserved", "min", "max", "step", "ratio", "capacity" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var (name, inventory) in node.Inventory.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            long capacity = (long)((inventory.Total - inventory.Reserved) * inventory.AllocationRatio);
            table.AddRow(
                name,
                inventory.Total.ToString(CultureInfo.InvariantCulture),
                inventory.Reserved.ToString(CultureInfo.InvariantCulture),
                inventory.MinUnit.ToString(CultureInfo.InvariantCulture),
                inventory.MaxUnit.ToString(CultureInfo.InvariantCulture),
                inventory.StepSize.ToString(CultureInfo.InvariantCulture),
                inventory.AllocationRatio.ToString("0.0##", CultureInfo.InvariantCulture),
                capacity.ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }
}
