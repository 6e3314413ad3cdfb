using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Nova.Resources.Agent;

/// <summary>Chooses where the agent keeps its records: the shared PostgreSQL store (and Placement, when configured).</summary>
internal static class AgentStore
{
    public static void Add(NovaResourcesBuilder nova, IConfiguration configuration)
    {
        string? connectionString = configuration["PostgreSql:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "PostgreSql:ConnectionString is not set: a simulated host writes its compute-node records to the shared PostgreSQL store.");
        }

        _ = nova;
        throw new NotSupportedException("The PostgreSQL store is not wired yet.");
    }
}
