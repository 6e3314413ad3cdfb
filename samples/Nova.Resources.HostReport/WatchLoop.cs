using System.Globalization;
using Nova.Resources.Hosting;
using Spectre.Console;

namespace Nova.Resources.HostReport;

/// <summary>
/// Audits every interval, prints one heartbeat line per audit (time, duration, changed or not) and, below it,
/// what changed since the previous audit. With <c>--json</c> the views go to the output and the heartbeats to
/// <paramref name="log"/>, so the output stays a sequence of JSON documents.
/// </summary>
internal sealed class WatchLoop(ComputeResourceManager manager, ReportRenderer renderer, TextWriter log, TimeSpan interval, TimeProvider time)
{
    private const int LiveLines = 10;
    private int _audits;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Made before the first audit, so that a tick which comes while that audit runs is not lost.
        using var timer = new PeriodicTimer(interval, time);
        var (previous, took) = await AuditAsync(cancellationToken).ConfigureAwait(false);
        string first = Heartbeat(time.GetLocalNow(), ++_audits, took, changes: null);
        bool live = !renderer.Json && renderer.AnsiConsoleOut.Profile.Capabilities.Interactive;
        if (!live)
        {
            var lines = renderer.Json ? log : renderer.Output;
            renderer.Write(previous);
            lines.WriteLine(first);
            await LoopAsync(timer, previous, (views, heartbeat, changes) =>
            {
                lines.WriteLine(heartbeat);
                foreach (var change in changes)
                {
                    lines.WriteLine(change);
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
            var recent = new List<string> { first };
            await LoopAsync(timer, previous, (views, heartbeat, changes) =>
            {
                recent.Add(heartbeat);
                recent.AddRange(changes);
                if (recent.Count > LiveLines)
                {
                    recent.RemoveRange(0, recent.Count - LiveLines);
                }

                var panel = new Panel(new Markup(Markup.Escape(string.Join(Environment.NewLine, recent)))).Header("audits");
                context.UpdateTarget(new Rows(ReportRenderer.Render(views), panel));
            }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>The line printed after each audit: <c>12:00:10 audit 2 took 3 ms: no change</c>.</summary>
    internal static string Heartbeat(DateTimeOffset now, int audit, TimeSpan took, IReadOnlyList<string>? changes)
    {
        string outcome = changes is null ? "first view"
            : changes.Count == 0 ? "no change"
            : changes.Count == 1 ? "1 change"
            : $"{changes.Count} changes";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{now:HH:mm:ss} audit {audit} took {took.TotalMilliseconds:0} ms: {outcome}");
    }

    private async Task LoopAsync(
        PeriodicTimer timer,
        IReadOnlyList<NodeView> previous,
        Action<IReadOnlyList<NodeView>, string, IReadOnlyList<string>> show,
        CancellationToken cancellationToken)
    {
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var (current, took) = await AuditAsync(cancellationToken).ConfigureAwait(false);
            var now = time.GetLocalNow();
            var changes = Diff(previous, current, now);
            show(current, Heartbeat(now, ++_audits, took, changes), changes);
            previous = current;
        }
    }

    private async Task<(IReadOnlyList<NodeView> Views, TimeSpan Took)> AuditAsync(CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        await HostReportCommand.AuditAsync(manager, cancellationToken).ConfigureAwait(false);
        return (NodeView.FromManager(manager), time.GetElapsedTime(started));
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
