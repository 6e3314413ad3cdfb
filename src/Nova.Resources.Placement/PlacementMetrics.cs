using System.Diagnostics.Metrics;

namespace Nova.Resources.Placement;

/// <summary>
/// The Placement instruments on the <c>Nova.Resources</c> meter: HTTP attempts by method and status, reports, report
/// failures and redrives after a generation conflict, and how long a report took. Report measurements carry the node as
/// the <c>nova.node</c> tag.
/// </summary>
internal sealed class PlacementMetrics
{
    public const string MeterName = "Nova.Resources";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _reports;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _redrives;
    private readonly Histogram<double> _duration;

    public PlacementMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(new MeterOptions(MeterName));
        _requests = meter.CreateCounter<long>("nova.placement.requests", "{request}", "HTTP requests sent to Placement, retries included.");
        _reports = meter.CreateCounter<long>("nova.placement.reports", "{report}", "Compute-node reports to Placement.");
        _failures = meter.CreateCounter<long>("nova.placement.report.failures", "{report}", "Compute-node reports to Placement that failed.");
        _redrives = meter.CreateCounter<long>("nova.placement.report.redrives", "{redrive}", "Reports driven again after a provider generation conflict.");
        _duration = meter.CreateHistogram<double>("nova.placement.report.duration", "s", "How long a compute-node report to Placement took.");
    }

    public void RequestSent(HttpMethod method, int? status)
        => _requests.Add(
            1,
            new KeyValuePair<string, object?>("http.request.method", method.Method),
            new KeyValuePair<string, object?>("http.response.status_code", status));

    public void Reported(string node, TimeSpan duration, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("nova.node", node);
        _reports.Add(1, tag);
        _duration.Record(duration.TotalSeconds, tag);
        if (failed)
        {
            _failures.Add(1, tag);
        }
    }

    public void Redriven(string node) => _redrives.Add(1, new KeyValuePair<string, object?>("nova.node", node));
}
