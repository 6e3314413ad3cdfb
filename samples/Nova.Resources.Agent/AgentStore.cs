using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Nova.Resources.Agent;

/// <summary>
/// Where the agent keeps its records: the shared PostgreSQL store, with every audit's outcome beside them (for the
/// overview's "last audit" column), and Placement when it is configured.
/// </summary>
internal static class AgentStore
{
    public static void Add(NovaResourcesBuilder nova, IConfiguration configuration)
    {
        nova.AddPostgreSqlStore(configuration.GetSection("PostgreSql")).AddPostgreSqlAuditRecords();
        if (!string.IsNullOrEmpty(configuration["Placement:Endpoint"]))
        {
            nova.AddPlacement(configuration.GetSection("Placement"));
        }
    }
}
