using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nova.Resources.PostgreSql;
using Nova.Resources.Tracking;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the PostgreSQL compute-node store on its own, for applications that read the cluster without being a
/// compute host (an overview page, a scheduler): <see cref="IComputeNodeStore"/> and <see cref="IInstanceLedger"/>
/// without a driver or an audit. A compute host uses <c>AddNovaResources(...).AddPostgreSqlStore(...)</c>, which calls
/// this.
/// </summary>
public static class PostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// Uses the PostgreSQL database <paramref name="connectionString"/> names as the <see cref="IComputeNodeStore"/> and
    /// <see cref="IInstanceLedger"/>, replacing any registered before.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=...;Port=...;Database=...;Username=...;Password=...</c>).</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>
    /// Nothing connects here. When the host starts (before any other hosted service), the connection string is
    /// validated and the schema created or migrated; a bad string, an unreachable server or a role without rights
    /// then makes <c>IHost.StartAsync</c> throw, naming the setting <c>PostgreSql:ConnectionString</c> and never the
    /// password. Without a host, the first store call does the same.
    /// </remarks>
    public static IServiceCollection AddNovaResourcesPostgreSqlStore(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);
        return AddStore(services, options =>
        {
            options.ConnectionString = connectionString;
            options.SettingName = PostgreSqlStoreOptions.DefaultSettingName;
        });
    }

    /// <summary>
    /// Uses the PostgreSQL database named by the key <c>ConnectionString</c> of <paramref name="configuration"/> (such as
    /// the section <c>PostgreSql</c>) as the <see cref="IComputeNodeStore"/> and <see cref="IInstanceLedger"/>, replacing
    /// any registered before.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <c>ConnectionString</c>.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>
    /// Nothing connects here. When the host starts, a missing or bad connection string, an unreachable server or a
    /// role without rights makes <c>IHost.StartAsync</c> throw, naming the key (<c>PostgreSql:ConnectionString</c> for
    /// the section <c>PostgreSql</c>) and never the password.
    /// </remarks>
    public static IServiceCollection AddNovaResourcesPostgreSqlStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        string settingName = configuration is IConfigurationSection section && section.Path.Length > 0
            ? ConfigurationPath.Combine(section.Path, "ConnectionString")
            : "ConnectionString";
        return AddStore(services, options =>
        {
            options.ConnectionString = configuration["ConnectionString"];
            options.SettingName = settingName;
        });
    }

    private static IServiceCollection AddStore(IServiceCollection services, Action<PostgreSqlStoreOptions> configure)
    {
        services.AddOptions<PostgreSqlStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStoreOptions>, PostgreSqlStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgreSqlDatabase>();
        services.TryAddSingleton<PostgreSqlComputeNodeStore>();
        services.TryAddSingleton<PostgreSqlInstanceLedger>();
        services.Replace(ServiceDescriptor.Singleton<IComputeNodeStore>(static sp => sp.GetRequiredService<PostgreSqlComputeNodeStore>()));
        services.Replace(ServiceDescriptor.Singleton<IInstanceLedger>(static sp => sp.GetRequiredService<PostgreSqlInstanceLedger>()));
        AddSchemaServiceFirst(services);
        return services;
    }

    /// <summary>Puts the schema's start-up service before every hosted service already registered (the audit among them).</summary>
    private static void AddSchemaServiceFirst(IServiceCollection services)
    {
        int first = -1;
        for (int i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService))
            {
                continue;
            }

            if (descriptor.ImplementationType == typeof(PostgreSqlSchemaService))
            {
                return;
            }

            if (first < 0)
            {
                first = i;
            }
        }

        var schemaService = ServiceDescriptor.Singleton<IHostedService, PostgreSqlSchemaService>();
        if (first < 0)
        {
            services.Add(schemaService);
        }
        else
        {
            services.Insert(first, schemaService);
        }
    }
}
