using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Tracking;

namespace Nova.Resources.Placement.Tests.TestSupport;

/// <summary>A scheduler's side, without a compute host: <c>AddPlacementClient</c> only.</summary>
internal static class Schedulers
{
    public static ServiceProvider Create(Uri endpoint)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlacementClient(options =>
        {
            options.Endpoint = endpoint;
            options.Token = "admin";
            options.RetryDelay = TimeSpan.Zero;
            options.KeepAlive = false;
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Reports made-up nodes carrying a trait of their own, so a test's candidates are only its providers.</summary>
    public static async Task<(string Trait, ComputeNode[] Nodes)> ProvidersAsync(Uri endpoint, int count, long vcpus, double cpuRatio = 1.0)
    {
        string trait = "CUSTOM_NOVA_TEST_" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await using var services = SyntheticNodes.Services(endpoint, o => o.AdditionalTraits.Add(trait));
        var nodes = Enumerable.Range(0, count).Select(_ => SyntheticNodes.Create(vcpus: vcpus, cpuRatio: cpuRatio)).ToArray();
        foreach (var node in nodes)
        {
            await services.Reporter().ReportAsync(node);
        }

        return (trait, nodes);
    }

    public static AllocationRequest On(Guid provider, string resourceClass, long amount)
        => new(new Dictionary<Guid, IReadOnlyDictionary<string, long>> { [provider] = new Dictionary<string, long> { [resourceClass] = amount } });
}
