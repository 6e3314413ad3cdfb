using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tests.Tracking;

namespace Nova.Resources.Tests.Hosting;

public sealed class ResourceAuditServiceTests : IDisposable
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);
    private const FakeComputeDriverMethod Nodes = FakeComputeDriverMethod.GetAvailableNodes;

    private readonly TrackerHarness _h = new();
    private readonly FakeLogger<ResourceAuditService> _serviceLogger = new();
    private readonly ComputeResourceManager _manager;

    public ResourceAuditServiceTests()
    {
        _manager = new ComputeResourceManager(_h.Services, _h.Logger);
    }

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 1)]
    [InlineData(30, 30)]
    [InlineData(600, 600)]
    public void PeriodOf_NonNegativeInterval_IsNovasSpacing(int seconds, int expected)
        => ResourceAuditService.PeriodOf(TimeSpan.FromSeconds(seconds)).Should().Be(TimeSpan.FromSeconds(expected));

    [Fact]
    public void PeriodOf_NegativeInterval_IsNoPeriodicAudit()
        => ResourceAuditService.PeriodOf(TimeSpan.FromSeconds(-1)).Should().BeNull();

    [Fact]
    public async Task StartAsync_RunsTheAuditBeforeReturning()
    {
        using var service = CreateService();

        await service.StartAsync(CancellationToken.None);

        _manager.GetTracker("fake-mini").ComputeNode.Should().NotBeNull();
        (await _h.Store.GetByHostAsync("compute")).Should().ContainSingle();
        _h.Driver.GetCallCount(Nodes).Should().Be(1);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_AuditFails_LogsAndStartsAnyway()
    {
        _h.Driver.FailNextCall(Nodes, new InvalidOperationException("virt driver is not ready"));
        using var service = CreateService();

        await service.StartAsync(CancellationToken.None);

        var error = _serviceLogger.Collector.GetSnapshot().Single(r => r.Level == LogLevel.Error);
        error.Message.Should().Be("Error during ComputeManager.update_available_resource");
        error.Exception.Should().BeOfType<InvalidOperationException>();
        service.ExecuteTask.Should().NotBeNull();
        _manager.Trackers.Should().BeEmpty();

        var arrived = _h.Driver.HangNextCall(Nodes);
        _h.Time.Advance(TimeSpan.FromSeconds(60));
        await arrived.WaitAsync(Safety);
        _h.Driver.ReleaseHungCalls();
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_Cancelled_Throws()
    {
        using var service = CreateService();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var start = () => service.StartAsync(cts.Token);

        await start.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task StartAsync_DefaultInterval_AuditsEvery60Seconds()
    {
        using var service = CreateService();
        await service.StartAsync(CancellationToken.None);

        service.Period.Should().Be(TimeSpan.FromSeconds(60));
        for (int run = 2; run <= 3; run++)
        {
            var arrived = _h.Driver.HangNextCall(Nodes);
            _h.Time.Advance(TimeSpan.FromSeconds(60));
            await arrived.WaitAsync(Safety);
            _h.Driver.GetCallCount(Nodes).Should().Be(run);
            _h.Driver.ReleaseHungCalls();
        }

        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_PositiveInterval_IsThePeriod()
    {
        _h.Options.UpdateResourcesInterval = TimeSpan.FromSeconds(5);
        using var service = CreateService();
        await service.StartAsync(CancellationToken.None);

        service.Period.Should().Be(TimeSpan.FromSeconds(5));
        var arrived = _h.Driver.HangNextCall(Nodes);
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        await arrived.WaitAsync(Safety);
        _h.Driver.ReleaseHungCalls();

        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_NegativeInterval_AuditsOnceAndSkipsThePeriodicTask()
    {
        _h.Options.UpdateResourcesInterval = TimeSpan.FromSeconds(-1);
        using var service = CreateService();

        await service.StartAsync(CancellationToken.None);

        _h.Driver.GetCallCount(Nodes).Should().Be(1);
        service.ExecuteTask.Should().BeNull();
        service.Period.Should().BeNull();
        _serviceLogger.Collector.GetSnapshot().Select(r => r.Message)
            .Should().Contain("Skipping periodic task update_available_resource because its interval is negative");
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task PeriodicAudit_Fails_IsLoggedAndRetriedNextPeriod()
    {
        using var service = CreateService();
        await service.StartAsync(CancellationToken.None);
        var failing = _h.Driver.HangNextCall(Nodes);
        _h.Driver.FailNextCall(Nodes, new InvalidOperationException("libvirt went away"));
        _h.Time.Advance(TimeSpan.FromSeconds(60));
        await failing.WaitAsync(Safety);
        _h.Driver.ReleaseHungCalls();

        var retry = _h.Driver.HangNextCall(Nodes);
        _h.Time.Advance(TimeSpan.FromSeconds(60));
        await retry.WaitAsync(Safety);

        var error = _serviceLogger.Collector.GetSnapshot().Single(r => r.Level == LogLevel.Error);
        error.Message.Should().Be("Error during ComputeManager.update_available_resource");
        error.Exception!.Message.Should().Be("libvirt went away");
        _h.Driver.ReleaseHungCalls();
        await service.StopAsync(CancellationToken.None);
        service.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task StopAsync_AuditInFlight_CancelsIt()
    {
        using var service = CreateService();
        await service.StartAsync(CancellationToken.None);
        var arrived = _h.Driver.HangNextCall(FakeComputeDriverMethod.GetAvailableResource);
        _h.Time.Advance(TimeSpan.FromSeconds(60));
        await arrived.WaitAsync(Safety);

        await service.StopAsync(CancellationToken.None).WaitAsync(Safety);

        service.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue();
        _serviceLogger.Collector.GetSnapshot().Should().NotContain(r => r.Level >= LogLevel.Warning);
        _h.Logger.Collector.GetSnapshot().Should().NotContain(r => r.Level >= LogLevel.Warning);
    }

    private ResourceAuditService CreateService()
        => new(_manager, new StaticOptionsMonitor(_h.Options), _h.Time, _serviceLogger);

    private sealed class StaticOptionsMonitor(ComputeResourceOptions value) : IOptionsMonitor<ComputeResourceOptions>
    {
        public ComputeResourceOptions CurrentValue => value;

        public ComputeResourceOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ComputeResourceOptions, string?> listener) => null;
    }
}
