namespace Nova.Resources.Overview;

/// <summary>Chooses the compute-node store the overview reads.</summary>
internal static class OverviewStore
{
    /// <summary>Registers the shared PostgreSQL store named by <c>PostgreSql:ConnectionString</c>, without a compute host: the store validates the setting, and creates or migrates the schema, at start-up.</summary>
    public static IServiceCollection AddOverviewStore(this IServiceCollection services, IConfiguration configuration)
    {
        return services.AddNovaResourcesPostgreSqlStore(configuration.GetSection("PostgreSql"));
    }
}
