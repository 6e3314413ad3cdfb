using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources;
using Nova.Resources.Compute;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Benchmarks;

/// <summary>
/// One node's audit with N tracked instances (from an instance source that returns the same table every time, as
/// a database would), and one claim granted and given back. Nothing changes between audits, so an audit saves
/// nothing and should allocate the same few hundred bytes whatever N is.
/// </summary>
[MemoryDiagnoser]
public class ResourceTrackerBenchmarks
{
    private ResourceTracker _tracker = null!;
    private ResourceMetrics _metrics = null!;
    private InstanceRequest _request = null!;

    [Params(10, 100, 1000)]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var driver = new FakeComputeDriver();
        var options = new ComputeResourceOptions { Host = "compute", MyIp = "192.0.2.10", CpuDedicatedSet = "4-7" };
        var time = new FakeTimeProvider();
        var instances = new InstanceRequest[Instances];
        for (int i = 0; i < instances.Length; i++)
        {
            instances[i] = new InstanceRequest
            {
                Uuid = $"00000000-0000-0000-0000-{i:D12}",
                Vcpus = 1 + (i % 4),
                MemoryMb = 256 * (1 + (i % 4)),
                RootGb = 10,
                EphemeralGb = i % 2,
                SwapMb = 1024,
                VmState = i % 10 == 0 ? "building" : "active",
                TaskState = i % 10 == 0 ? "spawning" : null,
                OsType = "linux",
                ProjectId = $"project-{i % 7}",
            };
        }

        _metrics = new ResourceMetrics(meterFactory: null);
        _tracker = new ResourceTracker(FakeComputeDriver.DefaultNodeName, new TrackerServices
        {
            HostState = new HostState(driver, Microsoft.Extensions.Options.Options.Create(options), time),
            Store = new InMemoryComputeNodeStore(),
            Ledger = new InMemoryInstanceLedger(),
            InstanceSource = new FixedInstanceSource(instances),
            TimeProvider = time,
            Logger = NullLogger.Instance,
            Metrics = _metrics,
            Options = () => options,
        });
        _tracker.UpdateAvailableResourceAsync().GetAwaiter().GetResult();
        _request = new InstanceRequest { Uuid = "claimed", Vcpus = 2, MemoryMb = 2048, RootGb = 20 };
    }

    [GlobalCleanup]
    public void Cleanup() => _metrics.Dispose();

    /// <summary>One audit of the node: driver read, usage from every instance, no save (nothing changed).</summary>
    [Benchmark]
    public Task UpdateAvailableResource() => _tracker.UpdateAvailableResourceAsync();

    /// <summary>One claim granted (limit test, save) and given back (abort, save).</summary>
    [Benchmark]
    public async Task ClaimAndAbort()
    {
        var claim = await _tracker.ClaimAsync(_request).ConfigureAwait(false);
        await claim.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class FixedInstanceSource(IReadOnlyList<InstanceRequest> instances) : IInstanceSource
    {
        public ValueTask<IReadOnlyList<InstanceRequest>> GetInstancesAsync(string host, string nodeName, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(instances);
    }
}
