using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps a compute host's records and committed instances in PostgreSQL, shared by every host of the cluster.</summary>
public static class PostgreSqlNovaResourcesBuilderExtensions
{
    /// <summary>
    /// Uses the PostgreSQL database <paramref name="connectionString"/> names for the compute-node records and the
    /// host's committed instances, replacing the in-memory defaults.
    /// </summary>
    /// <param name="builder">The builder from <c>AddNovaResources</c>.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>
    /// The schema is created or migrated when the host starts, before the start-up audit; a bad connection string, an
    /// unreachable server or a role without rights makes <c>IHost.StartAsync</c> throw, naming the setting
    /// <c>PostgreSql:ConnectionString</c> and never the password. See
    /// <see cref="PostgreSqlServiceCollectionExtensions.AddNovaResourcesPostgreSqlStore(IServiceCollection, string)"/>.
    /// </remarks>
    public static NovaResourcesBuilder AddPostgreSqlStore(this NovaResourcesBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddNovaResourcesPostgreSqlStore(connectionString);
        return builder;
    }

    /// <summary>
    /// Uses the PostgreSQL database named by the key <c>ConnectionString</c> of <paramref name="configuration"/> (such as
    /// the section <c>PostgreSql</c>) for the compute-node records and the host's committed instances, replacing the
    /// in-memory defaults.
    /// </summary>
    /// <param name="builder">The builder from <c>AddNovaResources</c>.</param>
    /// <param name="configuration">The section holding <c>ConnectionString</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>
    /// See <see cref="PostgreSqlServiceCollectionExtensions.AddNovaResourcesPostgreSqlStore(IServiceCollection, IConfiguration)"/>.
    /// </remarks>
    public static NovaResourcesBuilder AddPostgreSqlStore(this NovaResourcesBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddNovaResourcesPostgreSqlStore(configuration);
        return builder;
    }
}
