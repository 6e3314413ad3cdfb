using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;

namespace Nova.Resources.Benchmarks.PostgreSql;

/// <summary>
/// One host's audit (one node) through the PostgreSQL store against the in-memory store: unchanged (the store is read,
/// never written) and changed (one <c>UPDATE</c>). The set-up checks those statement counts through Npgsql's command
/// log and fails the run when they differ, so the CI dry run catches an audit that starts writing.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlAuditBenchmarks
{
    private readonly StatementCounter _statements = new();
    private ServiceProvider _provider = null!;
    private FakeComputeDriver _driver = null!;
    private ComputeResourceManager _manager = null!;
    private string? _database;
    private bool _flip;

    [Params("InMemory", "PostgreSql")]
    public string Store { get; set; } = "InMemory";

    [GlobalSetup]
    public void Setup()
    {
        _driver = new FakeComputeDriver();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_statements).SetMinimumLevel(LogLevel.Information));
        var nova = services
            .AddNovaResources(options =>
            {
                options.Host = "compute-bench";
                options.MyIp = "192.0.2.10";
            })
            .AddComputeDriver(_driver);
        if (Store == "PostgreSql")
        {
            _database = BenchmarkDatabase.Create("audit");
            nova.AddPostgreSqlStore(_database);
        }

        _provider = services.BuildServiceProvider();
        _manager = _provider.GetRequiredService<ComputeResourceManager>();
        _manager.UpdateAvailableResourceAsync().GetAwaiter().GetResult();
        if (_database is not null)
        {
            CheckStatements();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        if (_database is not null)
        {
            BenchmarkDatabase.Drop(_database);
        }
    }

    /// <summary>Nothing changed on the host: the record is not saved.</summary>
    [Benchmark]
    public Task UnchangedAudit() => _manager.UpdateAvailableResourceAsync();

    /// <summary>The hypervisor's memory changes every time: the record is saved.</summary>
    [Benchmark]
    public Task ChangedAudit()
    {
        _flip = !_flip;
        SetMemory(_flip ? 700_000 : 800_000);
        return _manager.UpdateAvailableResourceAsync();
    }

    private void SetMemory(long memoryMb)
        => _driver.SetResources(FakeComputeDriver.DefaultNodeName, FakeComputeDriver.CreateResources(FakeComputeDriver.DefaultNodeName) with { MemoryMb = memoryMb });

    private void CheckStatements()
    {
        _statements.Reset();
        _manager.UpdateAvailableResourceAsync().GetAwaiter().GetResult();
        var unchanged = _statements.Reset();
        SetMemory(750_000);
        _manager.UpdateAvailableResourceAsync().GetAwaiter().GetResult();
        var changed = _statements.Reset();
        SetMemory(800_000);
        _manager.UpdateAvailableResourceAsync().GetAwaiter().GetResult();
        _statements.Reset();

        Console.WriteLine($"// unchanged audit: {unchanged.Count} statements, {StatementCounter.Writes(unchanged)} writes; changed audit: {changed.Count} statements, {StatementCounter.Writes(changed)} writes");
        if (StatementCounter.Writes(unchanged) != 0 || StatementCounter.Writes(changed) != 1)
        {
            throw new InvalidOperationException(
                $"An unchanged audit must write nothing and a changed one one statement; they wrote: [{string.Join("; ", unchanged)}] and [{string.Join("; ", changed)}]");
        }
    }
}
