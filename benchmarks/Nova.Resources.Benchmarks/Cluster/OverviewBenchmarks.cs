using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nova.Resources.Overview;
using Nova.Resources.Tracking;

using Nova.Resources.Benchmarks.PostgreSql;

namespace Nova.Resources.Benchmarks.Cluster;

/// <summary>
/// The overview's response time over N compute-node records in PostgreSQL (synthetic rows of four sizes): the whole
/// <c>GET /api/overview</c> through Kestrel on 127.0.0.1 (read every record, build, serialize), beside the store's
/// one-aggregate statistics query for the same rows.
/// </summary>
[MemoryDiagnoser]
public class OverviewBenchmarks
{
    private string? _database;
    private ServiceProvider _storeServices = null!;
    private IComputeNodeStore _store = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    [Params(200, 2000, 10000)]
    public int Records { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = BenchmarkDatabase.Create("overview");
        _storeServices = new ServiceCollection().AddNovaResourcesPostgreSqlStore(_database).BuildServiceProvider();
        _store = _storeServices.GetRequiredService<IComputeNodeStore>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Records), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) => await _store.CreateAsync(SyntheticRecords.Make(i), ct));

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // The live feed reads once at start; every other read is the benchmark's.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Overview:RefreshInterval"] = "01:00:00" });
        builder.Services.AddNovaResourcesPostgreSqlStore(_database);
        builder.Services.AddOverview(builder.Configuration);
        _app = builder.Build();
        _app.MapOverview();
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First() + "/"), Timeout = TimeSpan.FromMinutes(2) };
        int length = await GetOverviewAsync();
        if (length < Records * 100)
        {
            throw new InvalidOperationException($"GET /api/overview returned {length} bytes for {Records} records.");
        }
    }

    [Benchmark(Description = "GET /api/overview")]
    public async Task<int> GetOverviewAsync()
    {
        byte[] body = await _http.GetByteArrayAsync(new Uri("api/overview", UriKind.Relative));
        return body.Length;
    }

    [Benchmark(Description = "store statistics (SQL aggregate)")]
    public async Task<long> StatisticsAsync() => (await _store.GetStatisticsAsync()).Vcpus;

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_storeServices is not null)
        {
            await _storeServices.DisposeAsync();
        }

        if (_database is not null)
        {
            BenchmarkDatabase.Drop(_database);
        }
    }
}
