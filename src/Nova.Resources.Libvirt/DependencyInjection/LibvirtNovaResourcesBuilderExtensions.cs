using Microsoft.Extensions.DependencyInjection.Extensions;
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
        var services = builder.Services;
        services.AddOptions<LibvirtDriverOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LibvirtDriverOptions>, LibvirtDriverOptionsValidator>());
        services.TryAddSingleton<LibvirtDriver>();
        services.Replace(ServiceDescriptor.Singleton<IComputeDriver>(static sp => sp.GetRequiredService<LibvirtDriver>()));
        return builder;
    }
}
