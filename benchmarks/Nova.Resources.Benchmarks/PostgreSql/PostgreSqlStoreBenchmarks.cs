using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Benchmarks.PostgreSql;

/// <summary>
/// The cluster's read side on a real PostgreSQL: <see cref="IComputeNodeStore.GetStatisticsAsync"/> (one SQL aggregate)
/// over 10000 records and <see cref="IComputeNodeStore.ListAsync"/> over 1000 hosts (every column, JSON columns parsed).
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlStoreBenchmarks
{
    private const string CopiedColumns =
        "vcpus, memory_mb, local_gb, vcpus_used, memory_mb_used, local_gb_used, hypervisor_type, hypervisor_version, "
        + "hypervisor_hostname, free_ram_mb, free_disk_gb, current_workload, running_vms, cpu_info, disk_available_least, host_ip, "
        + "supported_instances, metrics, stats, numa_topology, ram_allocation_ratio, cpu_allocation_ratio, disk_allocation_ratio, "
        + "inventory, created_at, updated_at";

    private string _statisticsDatabase = string.Empty;
    private string _listDatabase = string.Empty;
    private ServiceProvider _statistics = null!;
    private ServiceProvider _list = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_statisticsDatabase, _statistics) = Seed("stats", 10_000);
        (_listDatabase, _list) = Seed("list", 1_000);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _statistics.Dispose();
        _list.Dispose();
        BenchmarkDatabase.Drop(_statisticsDatabase);
        BenchmarkDatabase.Drop(_listDatabase);
    }

    [Benchmark]
    public async Task<long> GetStatistics10000Records()
        => (await _statistics.GetRequiredService<IComputeNodeStore>().GetStatisticsAsync().ConfigureAwait(false)).Vcpus;

    [Benchmark]
    public async Task<int> List1000Hosts()
        => (await _list.GetRequiredService<IComputeNodeStore>().ListAsync().ConfigureAwait(false)).Count;

    /// <summary>A database of <paramref name="records"/> hosts, each with one record as the fake driver's audit writes it.</summary>
    private static (string Database, ServiceProvider Provider) Seed(string purpose, int records)
    {
        string database = BenchmarkDatabase.Create(purpose);
        var services = new ServiceCollection();
        services.AddNovaResourcesPostgreSqlStore(database);
        var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IComputeNodeStore>();
        var resources = FakeComputeDriver.CreateResources(FakeComputeDriver.DefaultNodeName);
        store.CreateAsync(new ComputeNode
        {
            Host = "compute-1",
            HypervisorHostname = FakeComputeDriver.DefaultNodeName,
            HypervisorType = resources.HypervisorType,
            HypervisorVersion = resources.HypervisorVersion,
            Vcpus = resources.Vcpus!.Value,
            VcpusUsed = 12,
            MemoryMb = resources.MemoryMb!.Value,
            MemoryMbUsed = 24_576,
            LocalGb = resources.LocalGb!.Value,
            LocalGbUsed = 400,
            RunningVms = 6,
            CpuAllocationRatio = 4.0,
            RamAllocationRatio = 1.0,
            DiskAllocationRatio = 1.0,
            HostIp = System.Net.IPAddress.Parse("192.0.2.10"),
            CpuInfo = resources.CpuInfo,
            DiskAvailableLeast = 0,
            SupportedInstances = resources.SupportedInstances,
            Stats = new Dictionary<string, long> { ["num_instances"] = 6, ["num_vm_active"] = 6, ["num_task_None"] = 6, ["io_workload"] = 0 },
            Inventory = new Dictionary<string, InventoryRecord>
            {
                [ResourceClasses.Vcpu] = new(1000, 0, 1, 1000, 1, 4.0),
                [ResourceClasses.MemoryMb] = new(800_000, 512, 1, 800_000, 1, 1.0),
                [ResourceClasses.DiskGb] = new(600_000, 0, 1, 600_000, 1, 1.0),
            },
            CreatedAt = DateTimeOffset.UnixEpoch,
        }).AsTask().GetAwaiter().GetResult();
        BenchmarkDatabase.Execute(database,
            $"INSERT INTO compute_nodes (host, uuid, {CopiedColumns}) SELECT 'compute-' || i, md5(i::text)::uuid::text, {CopiedColumns} "
            + $"FROM compute_nodes, generate_series(2, {records}) AS i WHERE id = 1; ANALYZE compute_nodes");
        return (database, provider);
    }
}
