using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nova.Resources.PostgreSql;
using Nova.Resources.Tracking;

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

    /// <summary>
    /// After every audit of a node, succeeded or failed, upserts one row of the table <c>nova_resources_audits</c>
    /// (<c>host</c>, <c>hypervisor_hostname</c>, <c>finished_at</c>, <c>duration_ms</c>, <c>succeeded</c> and the first
    /// 1000 characters of the failure's message in <c>error</c>), as Nova's compute service keeps a heartbeat beside its
    /// records. Without this, an audit that changes nothing writes nothing.
    /// </summary>
    /// <param name="builder">The builder from <c>AddNovaResources</c>, on which <c>AddPostgreSqlStore</c> was called.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><c>AddPostgreSqlStore</c> was not called on the builder before.</exception>
    /// <remarks>
    /// One more statement per node and audit. A failure to write the row (the database is down) is logged by the
    /// tracker and changes nothing else: the audit's outcome, the record and the claims stand, and the next audit writes
    /// the row again. Deleting a node's record deletes its row.
    /// </remarks>
    public static NovaResourcesBuilder AddPostgreSqlAuditRecords(this NovaResourcesBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Services.Any(static d => d.ServiceType == typeof(PostgreSqlDatabase)))
        {
            throw new InvalidOperationException(
                "AddPostgreSqlAuditRecords records audits in the PostgreSQL store: call AddPostgreSqlStore(...) on the builder first.");
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditObserver, PostgreSqlAuditRecorder>());
        return builder;
    }
}
