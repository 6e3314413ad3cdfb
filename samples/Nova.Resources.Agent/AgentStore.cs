using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Nova.Resources.Agent;

/// <summary>Where the agent keeps its records: the shared PostgreSQL store, and Placement when it is configured.</summary>
internal static class AgentStore
{
    public static void Add(NovaResourcesBuilder nova, IConfiguration configuration)
    {
        nova.AddPostgreSqlStore(configuration.GetSection("PostgreSql"));
        if (!string.IsNullOrEmpty(configuration["Placement:Endpoint"]))
        {
            nova.AddPlacement(configuration.GetSection("Placement"));
        }
    }
}
