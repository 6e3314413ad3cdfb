using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Compute;
using Nova.Resources.Placement.Reporting;
using Nova.Resources.Tracking;

namespace Nova.Resources.Placement.Tests.TestSupport;

/// <summary>
/// Compute-node records made up by a test (their own uuid and name, so they share Placement with nothing else), and a
/// reporter for them without a compute host.
/// </summary>
internal static class SyntheticNodes
{
    public static ComputeNode Create(long vcpus = 4, long memoryMb = 4096, long diskGb = 40, double cpuRatio = 1.0, params string[] features)
        => new()
        {
            Uuid = Guid.NewGuid(),
            Host = "synthetic",
            HypervisorHostname = "synthetic-" + Guid.NewGuid().ToString("N")[..12],
            CpuInfo = new CpuInfo { Arch = "x86_64", Features = features },
            Inventory = new Dictionary<string, InventoryRecord>
            {
                [ResourceClasses.Vcpu] = new(vcpus, 0, 1, vcpus, 1, cpuRatio),
                [ResourceClasses.MemoryMb] = new(memoryMb, 0, 1, memoryMb, 1, 1.0),
                [ResourceClasses.DiskGb] = new(diskGb, 0, 1, diskGb, 1, 1.0),
            },
        };

    /// <summary>A service provider with the Placement reporter and client and nothing of a compute host.</summary>
    public static ServiceProvider Services(Uri endpoint, Action<PlacementOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        services?.Invoke(collection);
        collection.AddNovaResources(static _ => { }).AddPlacement(options =>
        {
            options.Endpoint = endpoint;
            options.Token = "admin";
            options.RetryDelay = TimeSpan.Zero;
            options.KeepAlive = false; // placement-api's wsgiref server closes every connection
            configure?.Invoke(options);
        });
        return collection.BuildServiceProvider();
    }

    public static PlacementReporter Reporter(this IServiceProvider provider) => provider.GetRequiredService<PlacementReporter>();
}
