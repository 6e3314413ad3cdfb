using System.Net;
using Microsoft.Extensions.Logging;
using Nova.Resources.Compute;

namespace Nova.Resources.Tracking;

/// <summary>
/// What every tracker of a host shares: the driver's cache (HostState), the store, the host's instance ledger, the reporters, the audit observers,
/// the clock, the logger and the metrics.
/// </summary>
internal sealed class TrackerServices
{
    private IPAddress? _detectedHostIp;

    public required HostState HostState { get; init; }

    public required IComputeNodeStore Store { get; init; }

    public IInstanceSource? InstanceSource { get; init; }

    /// <summary>Gets what the host has committed; every audit counts it again, whichever tracker object runs it.</summary>
    public required IInstanceLedger Ledger { get; init; }

    /// <summary>Gets the reporters each audit's record is passed to, after it is saved and outside the node's lock.</summary>
    public IReadOnlyList<IComputeNodeReporter> Reporters { get; init; } = [];

    /// <summary>Gets the observers each finished audit's outcome is passed to, outside the node's lock.</summary>
    public IReadOnlyList<IAuditObserver> AuditObservers { get; init; } = [];

    public required TimeProvider TimeProvider { get; init; }

    public required ILogger Logger { get; init; }

    public required ResourceMetrics Metrics { get; init; }

    /// <summary>Reads the current options; called once per audit.</summary>
    public required Func<ComputeResourceOptions> Options { get; init; }

    /// <summary>Finds this host's IPv4 address when <see cref="ComputeResourceOptions.MyIp"/> is unset; a seam for tests.</summary>
    public Func<IPAddress> DetectHostIp { get; init; } = HostAddress.DetectIPv4;

    /// <summary>
    /// Gets Nova's default <c>my_ip</c>: detected by the first audit that needs it, then kept, as Nova computes the
    /// option's default once per process. Never read in a constructor or a DI factory.
    /// </summary>
    public IPAddress DetectedHostIp => LazyInitializer.EnsureInitialized(ref _detectedHostIp, DetectHostIp);
}
