using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Nova.Resources.Tracking;

/// <summary>
/// The instruments of the <c>Nova.Resources</c> meter: per-node totals and usage as observable gauges (read from
/// the current record each tracker shows it; a node without a record yields nothing), audit count, failures and duration,
/// claims granted and refused, and failed reports. Every measurement carries the node as the <c>nova.node</c> tag.
/// </summary>
internal sealed class ResourceMetrics : IDisposable
{
    public const string MeterName = "Nova.Resources";
    public const string NodeTag = "nova.node";

    private readonly bool _ownsMeter;
    private readonly Counter<long> _audits;
    private readonly Counter<long> _auditFailures;
    private readonly Histogram<double> _auditDuration;
    private readonly Counter<long> _claimsGranted;
    private readonly Counter<long> _claimsRefused;
    private readonly Counter<long> _reportFailures;
    private readonly ConcurrentDictionary<string, (ComputeNode Record, KeyValuePair<string, object?> Tag)> _records = new(StringComparer.Ordinal);

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on a meter of its own when there is no factory.</summary>
    public ResourceMetrics(IMeterFactory? meterFactory)
    {
        if (meterFactory is null)
        {
            Meter = new Meter(MeterName);
            _ownsMeter = true;
        }
        else
        {
            Meter = meterFactory.Create(new MeterOptions(MeterName));
        }

        Meter.CreateObservableGauge("nova.compute.vcpus", () => Observe(static n => n.Vcpus), "{cpu}", "Usable virtual CPUs of the node.");
        Meter.CreateObservableGauge("nova.compute.vcpus.used", () => Observe(static n => n.VcpusUsed), "{cpu}", "Virtual CPUs reserved for the host and used by instances.");
        Meter.CreateObservableGauge("nova.compute.memory", () => Observe(static n => n.MemoryMb), "MiBy", "Memory of the node.");
        Meter.CreateObservableGauge("nova.compute.memory.used", () => Observe(static n => n.MemoryMbUsed), "MiBy", "Memory reserved for the host and used by instances.");
        Meter.CreateObservableGauge("nova.compute.disk", () => Observe(static n => n.LocalGb), "GiBy", "Local disk of the node.");
        Meter.CreateObservableGauge("nova.compute.disk.used", () => Observe(static n => n.LocalGbUsed), "GiBy", "Local disk reserved for the host and used by instances.");
        _audits = Meter.CreateCounter<long>("nova.compute.audits", "{audit}", "Resource audits of a node.");
        _auditFailures = Meter.CreateCounter<long>("nova.compute.audit.failures", "{audit}", "Resource audits that failed.");
        _auditDuration = Meter.CreateHistogram<double>("nova.compute.audit.duration", "s", "How long a node's resource audit took.");
        _claimsGranted = Meter.CreateCounter<long>("nova.compute.claims.granted", "{claim}", "Resource claims granted.");
        _claimsRefused = Meter.CreateCounter<long>("nova.compute.claims.refused", "{claim}", "Resource claims refused.");
        _reportFailures = Meter.CreateCounter<long>("nova.compute.report.failures", "{report}", "Reports of a node's record (or of its removal) that a reporter failed.");
    }

    /// <summary>Gets the meter.</summary>
    public Meter Meter { get; }

    /// <summary>Makes <paramref name="record"/> the one the gauges report for a node; <see langword="null"/> stops reporting the node.</summary>
    public void Observe(string nodeName, ComputeNode? record)
    {
        if (record is null)
        {
            _records.TryRemove(nodeName, out _);
        }
        else
        {
            _records[nodeName] = (record, new KeyValuePair<string, object?>(NodeTag, nodeName));
        }
    }

    public void AuditCompleted(KeyValuePair<string, object?> node, TimeSpan duration, bool failed)
    {
        _audits.Add(1, node);
        _auditDuration.Record(duration.TotalSeconds, node);
        if (failed)
        {
            _auditFailures.Add(1, node);
        }
    }

    /// <summary>Counts a host-level audit failure (the node list or the orphan records could not be read).</summary>
    public void HostAuditFailed() => _auditFailures.Add(1);

    public void ClaimGranted(KeyValuePair<string, object?> node) => _claimsGranted.Add(1, node);

    public void ClaimRefused(KeyValuePair<string, object?> node) => _claimsRefused.Add(1, node);

    public void ReportFailed(KeyValuePair<string, object?> node) => _reportFailures.Add(1, node);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    private List<Measurement<long>> Observe(Func<ComputeNode, long> value)
    {
        var measurements = new List<Measurement<long>>(_records.Count);
        foreach (var (record, tag) in _records.Values)
        {
            measurements.Add(new Measurement<long>(value(record), tag));
        }

        return measurements;
    }
}
