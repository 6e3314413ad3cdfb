using System.Globalization;
using Nova.Resources.Hosting;
using Spectre.Console;

namespace Nova.Resources.HostReport;

/// <summary>Audits every interval and shows what changed since the previous audit.</summary>
internal sealed class WatchLoop(ComputeResourceManager manager, ReportRenderer renderer, TimeSpan interval, TimeProvider time)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await HostReportCommand.AuditAsync(manager, cancellationToken).ConfigureAwait(false);
        var previous = NodeView.FromManager(manager);
        bool live = !renderer.Json && renderer.AnsiConsoleOut.Profile.Capabilities.Interactive;
        if (!live)
        {
            renderer.Write(previous);
            await LoopAsync(previous, (views, changes) =>
            {
                foreach (var change in changes)
                {
                    renderer.Output.WriteLine(change);
                }

                if (renderer.Json && changes.Count > 0)
                {
                    renderer.Write(views);
                }
            }, cancellationToken).ConfigureAwait(false);
            return;
        }

        await renderer.AnsiConsoleOut.Live(ReportRenderer.Render(previous)).StartAsync(async context =>
        {
            var log = new List<string>();
            await LoopAsync(previous, (views, changes) =>
            {
                log.AddRange(changes);
                if (log.Count > 10)
                {
                    log.RemoveRange(0, log.Count - 10);
                }

                var recent = new Markup(Markup.Escape(string.Join(Environment.NewLine, log.DefaultIfEmpty("no change yet"))));
                context.UpdateTarget(new Rows(ReportRenderer.Render(views), new Panel(recent).Header("changes")));
            }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task LoopAsync(IReadOnlyList<NodeView> previous, Action<IReadOnlyList<NodeView>, IReadOnlyList<string>> show, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await HostReportCommand.AuditAsync(manager, cancellationToken).ConfigureAwait(false);
            var current = NodeView.FromManager(manager);
            var changes = Diff(previous, current, time.GetLocalNow());
            show(current, changes);
            previous = current;
        }
    }

    /// <summary>Lists, field by field, what differs between two audits.</summary>
    internal static IReadOnlyList<string> Diff(IReadOnlyList<NodeView> before, IReadOnlyList<NodeView> after, DateTimeOffset now)
    {
        string stamp = now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var changes = new List<string>();
        var old = before.ToDictionary(n => n.Node, Flatten, StringComparer.Ordinal);
        foreach (var node in after)
        {
            var fields = Flatten(node);
            if (!old.Remove(node.Node, out var previousFields))
            {
                changes.Add($"{stamp} node {node.Node} appeared");
                continue;
            }

            foreach (var (field, value) in fields)
            {
                if (!previousFields.TryGetValue(field, out var was) || was != value)
                {
                    changes.Add($"{stamp} {node.Node}: {field} {was ?? "-"} -> {value}");
                }
            }
        }

        changes.AddRange(old.Keys.Select(n => $"{stamp} node {n} is gone"));
        return changes;
    }

    private static Dictionary<string, string> Flatten(NodeView node)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        void Line(string name, ResourceLine line)
        {
            fields[name] = line.Total.ToString(CultureInfo.InvariantCulture);
            fields[name + "_used"] = line.Used.ToString(CultureInfo.InvariantCulture);
            fields["free_" + name] = line.Free.ToString(CultureInfo.InvariantCulture);
        }

        Line("vcpus", node.Vcpus);
        Line("memory_mb", node.MemoryMb);
        Line("local_gb", node.DiskGb);
        fields["running_vms"] = node.RunningVms.ToString(CultureInfo.InvariantCulture);
        return fields;
    }
}
