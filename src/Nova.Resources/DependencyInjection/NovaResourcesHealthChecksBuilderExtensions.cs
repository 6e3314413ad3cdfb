using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Nova.Resources;
using Nova.Resources.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the health check of this host's resource audit.</summary>
public static class NovaResourcesHealthChecksBuilderExtensions
{
    /// <summary>The name of the health check <see cref="AddNovaResourcesHealthCheck"/> registers.</summary>
    public const string HealthCheckName = "nova-resources";

    /// <summary>
    /// Adds the <c>nova-resources</c> health check: Healthy when every node's last audit
    /// (<see cref="Nova.Resources.Tracking.ResourceTracker.LastAudit"/>) succeeded within three audit intervals;
    /// Unhealthy, naming the node and the cause, when a node's last audit failed, when none finished within three
    /// intervals, or before the first audit. Call <c>AddNovaResources</c> too.
    /// </summary>
    /// <param name="builder">The builder from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="tags">Tags to filter health checks by, such as <c>ready</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IHealthChecksBuilder AddNovaResourcesHealthCheck(this IHealthChecksBuilder builder, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            HealthCheckName,
            static sp => new NovaResourcesHealthCheck(
                sp.GetRequiredService<ComputeResourceManager>(),
                sp.GetRequiredService<IOptionsMonitor<ComputeResourceOptions>>(),
                sp.GetRequiredService<TimeProvider>()),
            failureStatus: null,
            tags));
    }
}
