using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Nova.Resources.Compute;
using Nova.Resources.Tracking;

namespace Nova.Resources.Libvirt.Tests.TestSupport;

/// <summary>Audits a libvirt driver's node the way a host does: HostState, then a tracker with the audit's options.</summary>
internal static class CorePath
{
    /// <summary>Runs one audit of the driver's node and returns the record it saved.</summary>
    public static async Task<ComputeNode> AuditAsync(LibvirtDriver driver, ComputeResourceOptions options)
    {
        options.Host ??= "compute";
        using var metrics = new ResourceMetrics(meterFactory: null);
        var services = new TrackerServices
        {
            HostState = new HostState(driver, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System),
            Store = new InMemoryComputeNodeStore(),
            Ledger = new InMemoryInstanceLedger(),
            TimeProvider = TimeProvider.System,
            Logger = NullLogger.Instance,
            Metrics = metrics,
            Options = () => options,
            DetectHostIp = () => IPAddress.Loopback,
        };
        var node = (await driver.GetAvailableNodesAsync()).Single();
        var tracker = new ResourceTracker(node, services);
        await tracker.UpdateAvailableResourceAsync();
        return tracker.ComputeNode!;
    }
}
