using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Nova.Resources.Hosting;
using Nova.Resources.Tracking;

namespace Nova.Resources.Placement.Tests.TestSupport;

/// <summary>A compute host as an application wires it: libvirt's test:///default driver, reporting to a real Placement.</summary>
internal static class ComputeHosts
{
    public const string Host = "placement-test";

    // Only its file system's size is read (local_gb): one folder for every run.
    private static readonly string InstancesPath = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nova-placement-test-instances")).FullName;

    public static ServiceProvider Create(
        Uri endpoint,
        IConfiguration? compute = null,
        Action<PlacementOptions>? placement = null,
        Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        services?.Invoke(collection);
        var nova = compute is null
            ? collection.AddNovaResources(static options =>
            {
                options.Host = Host;
                options.MyIp = "192.0.2.20";
            })
            : collection.AddNovaResources(compute);
        nova.AddLibvirtDriver(options =>
            {
                options.ConnectionUri = "test:///default";
                options.InstancesPath = InstancesPath;
            })
            .AddPlacement(options =>
            {
                options.Endpoint = endpoint;
                options.Token = "admin";
                options.RetryDelay = TimeSpan.Zero;
                options.KeepAlive = false; // placement-api's wsgiref server closes every connection
                placement?.Invoke(options);
            });
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Nova options from a reloadable in-memory configuration, so a test can change them between audits.</summary>
    public static IConfigurationRoot NovaConfiguration(long reservedHostMemoryMb = 512)
        => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Host"] = Host,
            ["MyIp"] = "192.0.2.20",
            ["ReservedHostMemoryMb"] = reservedHostMemoryMb.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();

    /// <summary>Changes one option and tells the options monitor.</summary>
    public static void Set(this IConfigurationRoot configuration, string key, string value)
    {
        configuration[key] = value;
        configuration.Reload();
    }

    /// <summary>One audit of the host; the core reports the node after it, and keeps a report's failure beside the record.</summary>
    public static async Task<(ComputeNode Node, Exception? ReportError)> AuditAsync(IServiceProvider provider)
    {
        var manager = provider.GetRequiredService<ComputeResourceManager>();
        await manager.UpdateAvailableResourceAsync();
        var tracker = manager.Trackers.Values.Single();
        return (tracker.ComputeNode!, tracker.LastReportError);
    }

    /// <summary>The node name the test driver reports (the machine's host name).</summary>
    public static async Task<string> NodeNameAsync(IServiceProvider provider)
        => (await provider.GetRequiredService<Compute.IComputeDriver>().GetAvailableNodesAsync(CancellationToken.None)).Single();

    /// <summary>Counts the HTTP requests the host's Placement client sends.</summary>
    public static MetricCollector<long> CountRequests(IServiceProvider provider)
        => new(provider.GetRequiredService<IMeterFactory>(), "Nova.Resources", "nova.placement.requests");

    public static long Total(this MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(static m => m.Value);
}
