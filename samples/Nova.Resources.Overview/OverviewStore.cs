using Nova.Resources.Overview.Audits;

namespace Nova.Resources.Overview;

/// <summary>Chooses the compute-node store the overview reads.</summary>
internal static class OverviewStore
{
    /// <summary>
    /// Registers the shared PostgreSQL store named by <c>PostgreSql:ConnectionString</c>, without a compute host (the
    /// store validates the setting, and creates or migrates the schema, at start-up), and the reader of the nodes' last
    /// audits in the same database.
    /// </summary>
    public static IServiceCollection AddOverviewStore(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("PostgreSql");
        services.AddSingleton<IAuditReader>(_ => new PostgreSqlAuditReader(section["ConnectionString"] ?? string.Empty));
        return services.AddNovaResourcesPostgreSqlStore(section);
    }
}
