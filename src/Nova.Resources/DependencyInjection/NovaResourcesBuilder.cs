namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures Nova.Resources in a service collection; returned by <c>AddNovaResources</c>.</summary>
public sealed class NovaResourcesBuilder
{
    internal NovaResourcesBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>Gets the service collection the library is registered in.</summary>
    public IServiceCollection Services { get; }
}
