using Nova.Resources.Tracking;

namespace Nova.Resources.Overview;

/// <summary>Chooses the compute-node store the overview reads.</summary>
internal static class OverviewStore
{
    /// <summary>Registers the shared PostgreSQL store named by <c>PostgreSql:ConnectionString</c>.</summary>
    public static IServiceCollection AddOverviewStore(this IServiceCollection services, IConfiguration configuration)
    {
        string? connectionString = configuration["PostgreSql:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "PostgreSql:ConnectionString is not set: the overview reads the compute-node records the hosts share in PostgreSQL "
                + "(for example --PostgreSql:ConnectionString=\"Host=127.0.0.1;Port=5432;Username=nova;Database=nova\").");
        }

        _ = typeof(IComputeNodeStore);
        throw new NotSupportedException("The PostgreSQL store is not wired yet.");
    }
}
