using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests.Testing;

// The README's "Testing your code with FakeComputeDriver" example, compiled and run so it stays true.
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly FakeComputeDriver _driver = new();
    private readonly ServiceProvider _provider;

    public ReadmeExampleTests()
    {
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddComputeDriver(_driver);
        services.AddSingleton<FreeMemoryProbe>();
        _provider = services.BuildServiceProvider();
    }

    private FreeMemoryProbe Probe => _provider.GetRequiredService<FreeMemoryProbe>();

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task FreeMemory_IsTotalMinusUsed()
    {
        _driver.SetResources("fake-mini", FakeComputeDriver.CreateResources("fake-mini") with { MemoryMbUsed = 300000 });

        long? free = await Probe.GetFreeMemoryMbAsync("fake-mini");

        Assert.Equal(500000, free);
        Assert.Equal(1, _driver.GetCallCount(FakeComputeDriverMethod.GetAvailableResource));
    }

    [Fact]
    public async Task FreeMemory_DriverWithoutTracking_IsNull()
    {
        _driver.SetResources("fake-mini", null);

        Assert.Null(await Probe.GetFreeMemoryMbAsync("fake-mini"));
    }

    [Fact]
    public async Task FreeMemory_HypervisorFails_TheErrorSurfaces()
    {
        _driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, new TimeoutException("hypervisor timed out"));

        await Assert.ThrowsAsync<TimeoutException>(() => Probe.GetFreeMemoryMbAsync("fake-mini"));
    }

    [Fact]
    public async Task FreeMemory_HypervisorHangs_TheCallerCanGiveUp()
    {
        Task arrived = _driver.HangNextCall(FakeComputeDriverMethod.GetAvailableResource);
        using var cancellation = new CancellationTokenSource();
        Task<long?> call = Probe.GetFreeMemoryMbAsync("fake-mini", cancellation.Token);
        await arrived; // the probe is now waiting on the "hypervisor"

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    /// <summary>The consumer's code under test: reads a node's free memory through HostState.</summary>
    private sealed class FreeMemoryProbe(HostState hostState)
    {
        public async Task<long?> GetFreeMemoryMbAsync(string node, CancellationToken cancellationToken = default)
        {
            HostResources? stats = await hostState.GetHostStatsAsync(node, refresh: true, cancellationToken);
            return stats is null ? null : stats.MemoryMb - stats.MemoryMbUsed;
        }
    }
}
