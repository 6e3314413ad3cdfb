using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Placement;
using Nova.Resources.Tracking;
using Xunit.Abstractions;

namespace Nova.Resources.Overview.Tests.Fleet;

/// <summary>
/// Two hundred in-process hosts on one PostgreSQL and one real Placement, then sixteen schedulers filling the fleet
/// through Placement: records, providers, statistics and the overview must all agree, and no provider goes over.
/// </summary>
public class FleetTests(ITestOutputHelper output)
{
    private const int Hosts = 200;

    private static readonly Dictionary<string, long> Flavor = new(StringComparer.Ordinal)
    {
        [ResourceClasses.Vcpu] = 8,
        [ResourceClasses.MemoryMb] = 32768,
        [ResourceClasses.DiskGb] = 200,
    };

    [Fact]
    public async Task Fleet_TwoHundredHostsThenSixteenSchedulers_RecordsProvidersStatisticsAndOverviewAgreeAndNothingOvercommits()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(25));
        var ct = cancel.Token;
        await using var services = await FleetServices.StartAsync("fleet");
        var sizes = Enumerable.Range(0, Hosts).Select(HostSize.Of).ToList();
        var fleet = sizes.Select(s => SimulatedHost.Create(s, services.StoreConnectionString, services.PlacementEndpoint)).ToList();
        await using var reader = BuildReader(services);
        try
        {
            await Parallel.ForEachAsync(fleet, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                async (host, token) => await host.Manager.UpdateAvailableResourceAsync(token));

            var store = reader.GetRequiredService<IComputeNodeStore>();
            var client = reader.GetRequiredService<PlacementClient>();
            var records = await store.ListAsync(ct);
            records.Should().HaveCount(Hosts);
            long expectedPlacements = 0;
            foreach (var size in sizes)
            {
                var record = records.Should().ContainSingle(r => r.Host == size.Host).Subject;
                (record.HypervisorHostname, record.Vcpus, record.MemoryMb, record.LocalGb, record.VcpusUsed, record.MemoryMbUsed, record.LocalGbUsed)
                    .Should().Be((size.Host, size.Vcpus, size.MemoryMb, size.LocalGb, 0, 512L, 0L), $"{size.Host}'s record is its size");
                record.Uuid.Should().NotBeEmpty();
                var provider = await client.GetResourceProviderAsync(record.Uuid, ct);
                provider.Should().NotBeNull($"{size.Host} reported its provider").And.Subject.As<ResourceProvider>().Name.Should().Be(size.Host);
                var inventories = (await client.GetInventoriesAsync(record.Uuid, ct)).Inventories;
                foreach (var (name, inventory) in record.Inventory)
                {
                    var reported = inventories[name];
                    (reported.Total, reported.Reserved, reported.AllocationRatio).Should().Be(
                        (inventory.Total, inventory.Reserved, inventory.AllocationRatio), $"{size.Host}'s {name} inventory in Placement is its record's");
                }

                expectedPlacements += Fits(inventories);
            }

            var statistics = await store.GetStatisticsAsync(ct);
            statistics.Should().Be(ClusterStatistics.Sum(records));
            statistics.Vcpus.Should().Be(sizes.Sum(s => (long)s.Vcpus));
            statistics.MemoryMb.Should().Be(sizes.Sum(s => s.MemoryMb));
            statistics.LocalGb.Should().Be(sizes.Sum(s => s.LocalGb));

            var scheduler = new FleetScheduler(client, Flavor);
            await scheduler.RunAsync(16, ct);
            output.WriteLine($"{Hosts} hosts, {statistics.Vcpus} vCPUs; 16 schedulers placed {scheduler.Placed.Count} instances, {scheduler.LostRaces} claims lost a race (409)");

            scheduler.Placed.Should().HaveCount((int)expectedPlacements, "every provider is filled to what fits, and not one instance more");
            var perProvider = scheduler.Placed.GroupBy(p => p.Provider).ToDictionary(g => g.Key, g => (long)g.Count());
            var allocated = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                var inventories = (await client.GetInventoriesAsync(record.Uuid, ct)).Inventories;
                var usages = (await client.GetUsagesAsync(record.Uuid, ct)).Usages;
                long instances = perProvider.GetValueOrDefault(record.Uuid);
                foreach (var (name, amount) in Flavor)
                {
                    var inventory = inventories[name];
                    long capacity = (long)Math.Floor((inventory.Total - inventory.Reserved) * inventory.AllocationRatio);
                    long used = usages.GetValueOrDefault(name);
                    used.Should().BeLessThanOrEqualTo(capacity, $"{record.Host} is never over its {name} capacity");
                    used.Should().Be(instances * amount, $"{record.Host}'s {name} usage is what was claimed there");
                    allocated[name] = allocated.GetValueOrDefault(name) + used;
                }

                instances.Should().Be(Fits(inventories), $"{record.Host} is full");
            }

            var overview = await reader.GetRequiredService<OverviewReader>().ReadAsync(ct);
            overview.Count.Should().Be(Hosts);
            overview.Vcpus.Should().Be(statistics.Vcpus);
            overview.Placement.Should().BeTrue();
            overview.PlacementError.Should().BeNull();
            foreach (var (name, amount) in Flavor)
            {
                overview.Capacity[name].Allocated.Should().Be(allocated[name], $"the overview's {name} allocations are Placement's")
                    .And.Be(expectedPlacements * amount);
            }
        }
        finally
        {
            foreach (var host in fleet)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>How many instances of the flavor fit a provider: Placement's capacity per class, divided, the smallest.</summary>
    private static long Fits(IReadOnlyDictionary<string, InventoryRecord> inventories)
        => Flavor.Min(f => (long)Math.Floor((inventories[f.Key].Total - inventories[f.Key].Reserved) * inventories[f.Key].AllocationRatio) / f.Value);

    private static ServiceProvider BuildReader(FleetServices services)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Placement:Endpoint"] = services.PlacementEndpoint.ToString(),
            ["Placement:Token"] = "admin",
            ["Placement:KeepAlive"] = "false",
            // placement-api serves one request at a time: sixteen schedulers queue behind each other on a loaded
            // machine, and a claim that timed out would leave its outcome unknown.
            ["Placement:RequestTimeout"] = "00:05:00",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddNovaResourcesPostgreSqlStore(services.StoreConnectionString);
        collection.AddOverview(configuration);
        return collection.BuildServiceProvider();
    }
}
