using Microsoft.Extensions.Logging;
using Nova.Resources.Compute;

namespace Nova.Resources.Tracking;

/// <summary>What every tracker of a host shares: the driver, the cache, the store, the clock, the logger and the metrics.</summary>
internal sealed class TrackerServices
{
    public required IComputeDriver Driver { get; init; }

    public required HostState HostState { get; init; }

    public required IComputeNodeStore Store { get; init; }

    public IInstanceSource? InstanceSource { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    public required ILogger Logger { get; init; }

    public required ResourceMetrics Metrics { get; init; }

    /// <summary>Reads the current options; called once per audit.</summary>
    public required Func<ComputeResourceOptions> Options { get; init; }
}
