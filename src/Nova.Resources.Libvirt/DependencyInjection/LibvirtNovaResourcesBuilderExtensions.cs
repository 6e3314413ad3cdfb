using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nova.Resources.Compute;
using Nova.Resources.Libvirt;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the libvirt compute driver.</summary>
public static class LibvirtNovaResourcesBuilderExtensions
{
    /// <summary>
    /// Uses <see cref="LibvirtDriver"/> as the compute driver, replacing any driver registered before. The options
    /// are validated when the host starts; the libvirt connection opens on the first audit, not here.
    /// </summary>
    /// <param name="builder">The builder from <c>AddNovaResources</c>.</param>
    /// <param name="configure">Sets the driver's options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static NovaResourcesBuilder AddLibvirtDriver(this NovaResourcesBuilder builder, Action<LibvirtDriverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddDriver(builder.Services).Configure(configure);
        return builder;
    }

    /// <summary>
    /// Uses <see cref="LibvirtDriver"/> as the compute driver, with its options bound from a configuration section,
    /// replacing any driver registered before. The options are validated when the host starts; the libvirt
    /// connection opens on the first audit, not here.
    /// </summary>
    /// <param name="builder">The builder from <c>AddNovaResources</c>.</param>
    /// <param name="configuration">
    /// The section holding the options, such as <c>configuration.GetSection("Libvirt")</c>; keys are the property
    /// names of <see cref="LibvirtDriverOptions"/> (<c>ConnectionUri</c>, <c>InstancesPath</c>, <c>ReadOnly</c>,
    /// <c>CallTimeout</c>).
    /// </param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static NovaResourcesBuilder AddLibvirtDriver(this NovaResourcesBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddDriver(builder.Services).Bind(configuration);
        return builder;
    }

    private static OptionsBuilder<LibvirtDriverOptions> AddDriver(IServiceCollection services)
    {
        var options = services.AddOptionsWithValidateOnStart<LibvirtDriverOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LibvirtDriverOptions>, LibvirtDriverOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Logging is optional, as in the core: without AddLogging the driver logs nowhere.
        services.TryAddSingleton(static sp => new LibvirtDriver(
            sp.GetRequiredService<IOptions<LibvirtDriverOptions>>(),
            sp.GetService<ILogger<LibvirtDriver>>() ?? NullLogger<LibvirtDriver>.Instance,
            sp.GetRequiredService<TimeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<IComputeDriver>(static sp => sp.GetRequiredService<LibvirtDriver>()));
        return options;
    }
}
