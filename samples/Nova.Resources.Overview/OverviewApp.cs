using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Nova.Resources.Overview.Placement;

namespace Nova.Resources.Overview;

/// <summary>Wires the overview: options, the reader, the live feed and, when configured, Placement.</summary>
internal static class OverviewApp
{
    /// <summary>
    /// Registers the overview's services. The <see cref="Nova.Resources.Tracking.IComputeNodeStore"/> comes from the
    /// caller (the PostgreSQL store in the app, any store in tests).
    /// </summary>
    public static IServiceCollection AddOverview(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<OverviewOptions>().Bind(configuration.GetSection("Overview"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OverviewOptions>, OverviewOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OverviewReader>();
        services.TryAddSingleton<OverviewFeed>();
        services.AddHostedService(static sp => sp.GetRequiredService<OverviewFeed>());

        var placement = configuration.GetSection("Placement");
        if (!string.IsNullOrEmpty(placement["Endpoint"]))
        {
            services.AddPlacementClient(placement);
            services.TryAddSingleton<IPlacementUsageReader, PlacementUsageReader>();
        }

        return services;
    }
}
