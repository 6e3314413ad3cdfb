using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nova.Resources.Placement;
using Nova.Resources.Placement.Reporting;
using Nova.Resources.Tracking;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Reports the host's compute nodes to OpenStack Placement after every audit.</summary>
public static class PlacementNovaResourcesBuilderExtensions
{
    /// <summary>
    /// Reports every compute-node record to Placement after each audit (Nova's <c>_update_to_placement</c>) and deletes
    /// an orphan node's provider; also registers <see cref="PlacementClient"/>. Options set by code.
    /// </summary>
    /// <param name="builder">The builder from <c>AddNovaResources</c>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>
    /// A Placement that is down or refuses a report never fails the audit: the failure is logged and counted by the
    /// audit, and the next audit reports again. The options are validated when the host starts.
    /// </remarks>
    public static NovaResourcesBuilder AddPlacement(this NovaResourcesBuilder builder, Action<PlacementOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddPlacementClient(configure);
        return AddReporter(builder);
    }

    /// <summary>Like <see cref="AddPlacement(NovaResourcesBuilder, Action{PlacementOptions})"/>, with the options bound from a configuration section.</summary>
    /// <param name="builder">The builder from <c>AddNovaResources</c>.</param>
    /// <param name="configuration">The section, such as <c>configuration.GetSection("Placement")</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static NovaResourcesBuilder AddPlacement(this NovaResourcesBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddPlacementClient(configuration);
        return AddReporter(builder);
    }

    private static NovaResourcesBuilder AddReporter(NovaResourcesBuilder builder)
    {
        builder.Services.TryAddSingleton<PlacementReporter>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IComputeNodeReporter, PlacementReporter>(static sp => sp.GetRequiredService<PlacementReporter>()));
        return builder;
    }
}
