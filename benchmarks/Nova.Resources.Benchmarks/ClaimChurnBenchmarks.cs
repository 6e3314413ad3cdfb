using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources;
using Nova.Resources.Compute;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Benchmarks;

/// <summary>
/// Tenant churn: one claim granted and given back on a record whose statistics hold <see cref="DistinctKeys"/>
/// <c>num_proj_*</c> keys (projects seen since the last audit, left at zero as Nova leaves them). The claims cycle through
/// those projects, so the record keeps the same number of keys; per-claim time and bytes should not grow with it.
/// </summary>
[MemoryDiagnoser]
public class ClaimChurnBenchmarks
{
    private ResourceTracker _tracker = null!;
    private ResourceMetrics _metrics = null!;
    private InstanceRequest[] _requests = null!;
    private int _next;

    [Params(6, 1000, 15000)]
    public int DistinctKeys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var driver = new FakeComputeDriver();
        var options = new ComputeResourceOptions { Host = "compute", MyIp = "192.0.2.10" };
        var time = new FakeTimeProvider();
        _metrics = new ResourceMetrics(meterFactory: null);
        _tracker = new ResourceTracker(FakeComputeDriver.DefaultNodeName, new TrackerServices
        {
            HostState = new HostState(driver, Microsoft.Extensions.Options.Options.Create(options), time),
            Store = new InMemoryComputeNodeStore(),
            Ledger = new InMemoryInstanceLedger(),
            TimeProvider = time,
            Logger = NullLogger.Instance,
            Metrics = _metrics,
            Options = () => options,
        });
        _tracker.UpdateAvailableResourceAsync().GetAwaiter().GetResult();
        _requests = new InstanceRequest[DistinctKeys];
        for (int i = 0; i < _requests.Length; i++)
        {
            _requests[i] = new InstanceRequest { Uuid = $"churn-{i}", Vcpus = 1, MemoryMb = 64, RootGb = 1, VmState = "building", OsType = "linux", ProjectId = $"project-{i}" };
            ClaimAndAbortAsync(_requests[i]).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _metrics.Dispose();

    /// <summary>One claim of the next project granted (limit test, save) and given back (abort, save).</summary>
    [Benchmark]
    public Task ClaimAndAbort()
    {
        var request = _requests[_next];
        _next = (_next + 1) % _requests.Length;
        return ClaimAndAbortAsync(request);
    }

    private async Task ClaimAndAbortAsync(InstanceRequest request)
    {
        var claim = await _tracker.ClaimAsync(request).ConfigureAwait(false);
        await claim.DisposeAsync().ConfigureAwait(false);
    }
}
