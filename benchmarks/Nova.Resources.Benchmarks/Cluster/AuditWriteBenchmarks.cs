using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

using Nova.Resources.Benchmarks.PostgreSql;

namespace Nova.Resources.Benchmarks.Cluster;

/// <summary>
/// Audit writes the PostgreSQL store absorbs: 16 hosts, each its own container with the fake driver and the store, run
/// one audit each whose record changed (the driver's vCPU count flips), one host after another or all at once. The
/// time is per audit write, so writes per second are 1 s divided by the mean.
/// </summary>
[MemoryDiagnoser]
public class AuditWriteBenchmarks
{
    private const int Hosts = 16;

    private readonly List<(FakeComputeDriver Driver, ComputeResourceManager Manager, ServiceProvider Services)> _hosts = [];
    private string? _database;
    private bool _flip;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = BenchmarkDatabase.Create("audits");
        for (int i = 0; i < Hosts; i++)
        {
            string host = $"writer-{i:D2}";
            var driver = new FakeComputeDriver();
            driver.SetNodes(host);
            var services = new ServiceCollection();
            services.AddNovaResources(o =>
                {
                    o.Host = host;
                    o.MyIp = "192.0.2.10";
                })
                .AddComputeDriver(driver)
                .AddPostgreSqlStore(_database);
            var provider = services.BuildServiceProvider();
            var manager = provider.GetRequiredService<ComputeResourceManager>();
            await manager.UpdateAvailableResourceAsync();
            _hosts.Add((driver, manager, provider));
        }

        // Each benchmarked audit must be a write: after a flip, every stored record carries the new vCPU count.
        await SequentialAsync();
        var store = _hosts[0].Services.GetRequiredService<IComputeNodeStore>();
        var records = await store.ListAsync();
        if (records.Count != Hosts || records.Any(r => r.Vcpus != 33))
        {
            throw new InvalidOperationException($"Expected {Hosts} records of 33 vCPUs after a flipped audit; the store has {string.Join(", ", records.Select(r => r.Vcpus))}.");
        }
    }

    [Benchmark(Description = "16 hosts, one after another", OperationsPerInvoke = Hosts)]
    public async Task SequentialAsync()
    {
        Flip();
        foreach (var host in _hosts)
        {
            await host.Manager.UpdateAvailableResourceAsync();
        }
    }

    [Benchmark(Description = "16 hosts at once", OperationsPerInvoke = Hosts)]
    public Task ConcurrentAsync()
    {
        Flip();
        return Task.WhenAll(_hosts.Select(h => h.Manager.UpdateAvailableResourceAsync()));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var host in _hosts)
        {
            await host.Services.DisposeAsync();
        }

        if (_database is not null)
        {
            BenchmarkDatabase.Drop(_database);
        }
    }

    /// <summary>Changes every host's vCPU count, so each next audit has a new record to write.</summary>
    private void Flip()
    {
        _flip = !_flip;
        foreach (var (driver, _, _) in _hosts)
        {
            string node = driver.Nodes[0];
            driver.SetResources(node, FakeComputeDriver.CreateResources(node) with { Vcpus = _flip ? 33 : 32, MemoryMb = 65536, LocalGb = 500 });
        }
    }
}
