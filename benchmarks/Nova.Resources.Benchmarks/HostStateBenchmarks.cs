using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Nova.Resources;
using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Benchmarks;

/// <summary>
/// <see cref="HostState.GetHostStatsAsync"/> on a cache hit (the path every claim and report takes between
/// audits) must allocate nothing; the refresh path is measured for comparison.
/// </summary>
[MemoryDiagnoser]
public class HostStateBenchmarks
{
    private const string Node = FakeComputeDriver.DefaultNodeName;
    private HostState _state = null!;
    private HostState _stateWithMaxAge = null!;

    [GlobalSetup]
    public void Setup()
    {
        var driver = new FakeComputeDriver();
        _state = new HostState(driver, Options.Create(new ComputeResourceOptions()), TimeProvider.System);
        _stateWithMaxAge = new HostState(
            driver,
            Options.Create(new ComputeResourceOptions { HostStatsMaxAge = TimeSpan.FromDays(1) }),
            TimeProvider.System);
        _state.GetHostStatsAsync(Node).AsTask().GetAwaiter().GetResult();
        _stateWithMaxAge.GetHostStatsAsync(Node).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "cache hit")]
    public ValueTask<HostResources?> CacheHit() => _state.GetHostStatsAsync(Node);

    [Benchmark(Description = "cache hit, max age checked")]
    public ValueTask<HostResources?> CacheHitWithMaxAge() => _stateWithMaxAge.GetHostStatsAsync(Node);

    [Benchmark(Description = "refresh (fake driver)")]
    public ValueTask<HostResources?> Refresh() => _state.GetHostStatsAsync(Node, refresh: true);
}
