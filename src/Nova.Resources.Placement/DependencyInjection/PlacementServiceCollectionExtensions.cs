using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Nova.Resources.Placement;
using Nova.Resources.Placement.Http;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OpenStack Placement client without a compute host, for schedulers and overviews.</summary>
public static class PlacementServiceCollectionExtensions
{
    /// <summary>Registers <see cref="PlacementClient"/>, with its options set by code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers to it.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>The options are validated when the host starts (without a host, when first read): a bad value throws <see cref="OptionsValidationException"/> naming its key.</remarks>
    public static IHttpClientBuilder AddPlacementClient(this IServiceCollection services, Action<PlacementOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptionsWithValidateOnStart<PlacementOptions>().Configure(configure);
        return AddClient(services);
    }

    /// <summary>Registers <see cref="PlacementClient"/>, with its options bound from a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, such as <c>configuration.GetSection("Placement")</c>; keys are the property names of <see cref="PlacementOptions"/>.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers to it.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>The options are validated when the host starts (without a host, when first read): a bad value throws <see cref="OptionsValidationException"/> naming its key.</remarks>
    public static IHttpClientBuilder AddPlacementClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<PlacementOptions>().Bind(configuration);
        return AddClient(services);
    }

    /// <summary>
    /// The client itself, registered once however often this is called: the token provider, the options validator,
    /// the metrics, and the factory's named client with (outermost first) the bounded retries, the per-attempt timeout,
    /// the token and the request count.
    /// </summary>
    private static IHttpClientBuilder AddClient(IServiceCollection services)
    {
        bool registered = services.Any(static d => d.ServiceType == typeof(PlacementMetrics));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPlacementTokenProvider, StaticTokenProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlacementOptions>, PlacementOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<PlacementMetrics>();
        services.TryAddTransient<PlacementAuthHandler>();
        services.TryAddTransient<RequestMetricsHandler>();

        var builder = services.AddHttpClient(PlacementHttp.ClientName);
        if (registered)
        {
            return builder;
        }

        builder.AddTypedClient(static client => new PlacementClient(client));

        builder.ConfigureHttpClient(static (sp, client) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<PlacementOptions>>().CurrentValue;
            if (options.Endpoint is { IsAbsoluteUri: true } endpoint)
            {
                client.BaseAddress = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
            }

            // The resilience pipeline bounds each attempt and the whole call.
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.UseSocketsHttpHandler(static (handler, sp) =>
        {
            if (!sp.GetRequiredService<IOptionsMonitor<PlacementOptions>>().CurrentValue.KeepAlive)
            {
                handler.PooledConnectionLifetime = TimeSpan.Zero;
            }
        });
        builder.AddResilienceHandler("placement", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<PlacementOptions>>().CurrentValue;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetryAttempts, 1),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetryAttempts > 0 && PlacementRetryRules.ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
            });
            pipeline.AddTimeout(options.RequestTimeout);
        });
        builder.AddHttpMessageHandler<PlacementAuthHandler>();
        builder.AddHttpMessageHandler<RequestMetricsHandler>();
        return builder;
    }
}
