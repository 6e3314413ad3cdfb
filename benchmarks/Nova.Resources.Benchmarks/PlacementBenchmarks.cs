using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nova.Resources.Compute;
using Nova.Resources.Hosting;
using Nova.Resources.Placement.Reporting;
using Nova.Resources.Tracking;

namespace Nova.Resources.Benchmarks;

/// <summary>
/// Reporting to a real Placement on loopback (placement-api on sqlite; NOVA_BENCH_PLACEMENT or NOVA_TEST_PLACEMENT, else
/// one started with tests/services/placement.sh): a report that has nothing to send, one after a changed reservation
/// (one inventory PUT), and a whole audit of libvirt's test:///default with and without reporting.
/// </summary>
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private string? _ownServer;
    private ServiceProvider _host = null!;
    private ServiceProvider _bare = null!;
    private ComputeResourceManager _reporting = null!;
    private ComputeResourceManager _notReporting = null!;
    private PlacementReporter _reporter = null!;
    private ComputeNode _node = null!;
    private ComputeNode _changed = null!;
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        var endpoint = new Uri(Environment.GetEnvironmentVariable("NOVA_BENCH_PLACEMENT") ?? Environment.GetEnvironmentVariable("NOVA_TEST_PLACEMENT") ?? StartOwn());
        _host = Create(endpoint);
        _bare = Create(null);
        _reporting = _host.GetRequiredService<ComputeResourceManager>();
        _notReporting = _bare.GetRequiredService<ComputeResourceManager>();
        _reporter = _host.GetRequiredService<PlacementReporter>();
        string node = _host.GetRequiredService<IComputeDriver>().GetAvailableNodesAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult().Single();
        DeleteProvidersNamed(endpoint, node);
        Run(_reporting.UpdateAvailableResourceAsync());
        Run(_notReporting.UpdateAvailableResourceAsync());
        if (_reporting.Trackers.Values.Single().LastReportError is { } error)
        {
            throw new InvalidOperationException("The first report failed", error);
        }

        _node = new ComputeNode
        {
            Uuid = Guid.NewGuid(),
            Host = "bench",
            HypervisorHostname = "bench-" + Guid.NewGuid().ToString("N")[..8],
            Inventory = new Dictionary<string, InventoryRecord>
            {
                [ResourceClasses.Vcpu] = new(16, 0, 1, 16, 1, 4.0),
                [ResourceClasses.MemoryMb] = new(3072, 512, 1, 3072, 1, 1.0),
                [ResourceClasses.DiskGb] = new(40, 0, 1, 40, 1, 1.0),
            },
        };
        _changed = _node with { Inventory = new Dictionary<string, InventoryRecord>(_node.Inventory) { [ResourceClasses.MemoryMb] = new(3072, 1024, 1, 3072, 1, 1.0) } };
        Run(_reporter.ReportAsync(_node).AsTask());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Run(_reporter.RemoveAsync(_node).AsTask());
        _host.Dispose();
        _bare.Dispose();
        if (_ownServer is not null)
        {
            Script("stop", _ownServer);
        }
    }

    /// <summary>A report with nothing to send: no request (Nova: 0 requests).</summary>
    [Benchmark]
    public ValueTask ReportUnchanged() => _reporter.ReportAsync(_node);

    /// <summary>A report after a changed reservation: one inventory PUT, the reservation alternating.</summary>
    [Benchmark]
    public ValueTask ReportChangedReservation()
    {
        _flip = !_flip;
        return _reporter.ReportAsync(_flip ? _changed : _node);
    }

    /// <summary>A whole audit of test:///default, reporting to Placement (nothing changed: no request).</summary>
    [Benchmark]
    public Task AuditWithReporting() => _reporting.UpdateAvailableResourceAsync();

    /// <summary>The same audit without Placement.</summary>
    [Benchmark(Baseline = true)]
    public Task AuditWithoutReporting() => _notReporting.UpdateAvailableResourceAsync();

    private static ServiceProvider Create(Uri? placement)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var nova = services.AddNovaResources(static o => { o.Host = "bench"; o.MyIp = "192.0.2.30"; })
            .AddLibvirtDriver(static o => { o.ConnectionUri = "test:///default"; o.InstancesPath = Path.GetTempPath(); });
        if (placement is not null)
        {
            nova.AddPlacement(o => { o.Endpoint = placement; o.Token = "admin"; o.KeepAlive = false; });
        }

        return services.BuildServiceProvider();
    }

    private string StartOwn()
    {
        _ownServer = Directory.CreateTempSubdirectory("nova-placement-bench.").FullName;
        return Script("start", _ownServer).Trim();
    }

    private static string Script(string command, string directory)
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Nova.Resources.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Nova.Resources.sln not found");
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(root, "tests", "services", "placement.sh"), command, directory]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"placement.sh {command} failed");
    }

    /// <summary>Clears a provider other runs left with the test driver's node name (it would be a name conflict).</summary>
    private static void DeleteProvidersNamed(Uri endpoint, string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Add("X-Auth-Token", "admin");
        using var list = System.Text.Json.JsonDocument.Parse(http.GetStringAsync("resource_providers?name=" + Uri.EscapeDataString(name)).GetAwaiter().GetResult());
        foreach (var provider in list.RootElement.GetProperty("resource_providers").EnumerateArray())
        {
            string uuid = provider.GetProperty("uuid").GetString()!;
            using var allocations = System.Text.Json.JsonDocument.Parse(http.GetStringAsync($"resource_providers/{uuid}/allocations").GetAwaiter().GetResult());
            foreach (var consumer in allocations.RootElement.GetProperty("allocations").EnumerateObject())
            {
                http.DeleteAsync("allocations/" + consumer.Name).GetAwaiter().GetResult().Dispose();
            }

            http.DeleteAsync("resource_providers/" + uuid).GetAwaiter().GetResult().Dispose();
        }
    }

    private static void Run(Task task) => task.GetAwaiter().GetResult();
}
