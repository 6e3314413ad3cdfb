using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nova.Resources.Compute;
using Nova.Resources.Tracking;

namespace Nova.Resources.Hosting;

/// <summary>Registers the trackers, the per-host audit and its hosted service; called by <c>AddNovaResources</c>.</summary>
internal static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Registers, each with <c>TryAdd*</c> so an earlier registration wins: the in-memory
    /// <see cref="IComputeNodeStore"/> and <see cref="IInstanceLedger"/>, the metrics (on the container's <see cref="IMeterFactory"/> when there is one),
    /// the <see cref="ComputeResourceManager"/> (with the optional <see cref="IInstanceSource"/> and every
    /// registered <see cref="IComputeNodeReporter"/> and <see cref="IAuditObserver"/>), and the hosted
    /// service that runs the start-up and periodic audits.
    /// </summary>
    public static IServiceCollection AddResourceTracking(this IServiceCollection services)
    {
        services.TryAddSingleton<IComputeNodeStore, InMemoryComputeNodeStore>();
        services.TryAddSingleton<IInstanceLedger, InMemoryInstanceLedger>();
        services.TryAddSingleton(static sp => new ResourceMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(static sp =>
        {
            var loggers = sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            var options = sp.GetRequiredService<IOptionsMonitor<ComputeResourceOptions>>();
            var services = new TrackerServices
            {
                HostState = sp.GetRequiredService<HostState>(),
                Store = sp.GetRequiredService<IComputeNodeStore>(),
                InstanceSource = sp.GetService<IInstanceSource>(),
                Ledger = sp.GetRequiredService<IInstanceLedger>(),
                Reporters = [.. sp.GetServices<IComputeNodeReporter>()],
                AuditObservers = [.. sp.GetServices<IAuditObserver>()],
                TimeProvider = sp.GetRequiredService<TimeProvider>(),
                Logger = loggers.CreateLogger<ResourceTracker>(),
                Metrics = sp.GetRequiredService<ResourceMetrics>(),
                Options = () => options.CurrentValue,
            };
            return new ComputeResourceManager(services, loggers.CreateLogger<ComputeResourceManager>());
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ResourceAuditService>());
        return services;
    }
}
