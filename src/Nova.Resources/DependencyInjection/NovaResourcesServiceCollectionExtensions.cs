using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nova.Resources;
using Nova.Resources.Compute;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Nova.Resources in a service collection.</summary>
public static class NovaResourcesServiceCollectionExtensions
{
    /// <summary>Registers the resource accounting with its options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder to choose the compute driver.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static NovaResourcesBuilder AddNovaResources(this IServiceCollection services, Action<ComputeResourceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ComputeResourceOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HostState>();
        return new NovaResourcesBuilder(services);
    }

    /// <summary>Uses <typeparamref name="TDriver"/> as the compute driver.</summary>
    /// <typeparam name="TDriver">The driver type, created by the container.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    public static NovaResourcesBuilder AddComputeDriver<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TDriver>(this NovaResourcesBuilder builder)
        where TDriver : class, IComputeDriver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IComputeDriver, TDriver>();
        return builder;
    }
}
