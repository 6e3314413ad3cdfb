using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Nova.Resources;
using Nova.Resources.Compute;
using Nova.Resources.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Nova.Resources in a service collection.</summary>
public static class NovaResourcesServiceCollectionExtensions
{
    /// <summary>Registers the resource accounting, with its options set by code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder to choose the compute driver.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>
    /// The options are validated when the host starts (and, without a host, when first read): a bad value
    /// throws <see cref="OptionsValidationException"/> whose message names the option and the value.
    /// </remarks>
    public static NovaResourcesBuilder AddNovaResources(this IServiceCollection services, Action<ComputeResourceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services, ComputeResourceOptionKeys.Unbound).Configure(configure);
        return new NovaResourcesBuilder(services);
    }

    /// <summary>Registers the resource accounting, with its options bound from a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the options, such as <c>configuration.GetSection("Nova")</c>; keys are the property names of <see cref="ComputeResourceOptions"/>.</param>
    /// <returns>A builder to choose the compute driver.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>
    /// The options are validated when the host starts (and, without a host, when first read): a bad value
    /// throws <see cref="OptionsValidationException"/> whose message names the configuration key (such as
    /// <c>Nova:ReservedHostMemoryMb</c>), Nova's option name beside it, and the value.
    /// </remarks>
    public static NovaResourcesBuilder AddNovaResources(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services, new ComputeResourceOptionKeys((configuration as IConfigurationSection)?.Path)).Bind(configuration);
        return new NovaResourcesBuilder(services);
    }

    /// <summary>Uses <typeparamref name="TDriver"/>, created by the container, as the compute driver.</summary>
    /// <typeparam name="TDriver">The driver type; it also resolves as itself.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="TDriver"/> is an interface or an abstract class, which the container cannot create.</exception>
    /// <remarks>The last driver chosen wins: it replaces any <see cref="IComputeDriver"/> registered before.</remarks>
    public static NovaResourcesBuilder AddComputeDriver<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TDriver>(this NovaResourcesBuilder builder)
        where TDriver : class, IComputeDriver
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (typeof(TDriver).IsInterface || typeof(TDriver).IsAbstract)
        {
            throw new ArgumentException(
                $"AddComputeDriver<{typeof(TDriver).Name}>() needs a concrete driver class the container can create; pass a driver instance or a factory instead.",
                nameof(TDriver));
        }

        builder.Services.TryAddSingleton<TDriver>();
        return UseDriver<TDriver>(builder);
    }

    /// <summary>Uses <paramref name="driver"/> as the compute driver.</summary>
    /// <typeparam name="TDriver">The driver type; it also resolves as itself.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="driver">The driver instance; the container does not dispose it.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>The last driver chosen wins: it replaces any <see cref="IComputeDriver"/> registered before.</remarks>
    public static NovaResourcesBuilder AddComputeDriver<TDriver>(this NovaResourcesBuilder builder, TDriver driver)
        where TDriver : class, IComputeDriver
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(driver);
        builder.Services.Replace(ServiceDescriptor.Singleton(driver));
        return UseDriver<TDriver>(builder);
    }

    /// <summary>Uses the driver <paramref name="factory"/> creates, once, as the compute driver.</summary>
    /// <typeparam name="TDriver">The driver type; it also resolves as itself.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the driver; it must not do host or driver I/O.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>The last driver chosen wins: it replaces any <see cref="IComputeDriver"/> registered before.</remarks>
    public static NovaResourcesBuilder AddComputeDriver<TDriver>(this NovaResourcesBuilder builder, Func<IServiceProvider, TDriver> factory)
        where TDriver : class, IComputeDriver
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return UseDriver<TDriver>(builder);
    }

    /// <summary>
    /// Everything <c>AddNovaResources</c> registers, in one place: the options with their validator (whose
    /// messages name the options by <paramref name="keys"/>) and start-up validation, then every default service
    /// with <c>TryAdd*</c> so an earlier registration wins.
    /// </summary>
    private static OptionsBuilder<ComputeResourceOptions> AddCore(IServiceCollection services, ComputeResourceOptionKeys keys)
    {
        var options = services.AddOptionsWithValidateOnStart<ComputeResourceOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ComputeResourceOptions>>(new ComputeResourceOptionsValidator(keys)));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HostState>();

        // --- Tracking and hosting (issue #4, branch tracker): store, metrics, ComputeResourceManager, hosted audit.
        services.AddResourceTracking();
        return options;
    }

    private static NovaResourcesBuilder UseDriver<TDriver>(NovaResourcesBuilder builder)
        where TDriver : class, IComputeDriver
    {
        if (typeof(TDriver) == typeof(IComputeDriver))
        {
            // Registered as IComputeDriver itself already: forwarding it to itself would never resolve.
            return builder;
        }

        builder.Services.Replace(ServiceDescriptor.Singleton<IComputeDriver>(static sp => sp.GetRequiredService<TDriver>()));
        return builder;
    }
}
