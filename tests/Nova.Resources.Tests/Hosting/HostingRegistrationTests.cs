using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tests.Tracking;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Hosting;

public sealed class HostingRegistrationTests
{
    private readonly FakeComputeDriver _driver = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task StartAsync_Host_AuditsBeforeTheHostReportsStarted()
    {
        using var host = BuildHost();
        var manager = host.Services.GetRequiredService<ComputeResourceManager>();
        var store = host.Services.GetRequiredService<IComputeNodeStore>();
        int trackersWhenStarted = -1;
        int recordsWhenStarted = -1;
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
        {
            trackersWhenStarted = manager.Trackers.Count;
            recordsWhenStarted = store.GetByHostAsync("compute").AsTask().GetAwaiter().GetResult().Count;
        });
        _driver.GetCallCount(FakeComputeDriverMethod.GetAvailableNodes).Should().Be(0, "resolving services does no driver I/O");

        await host.StartAsync();

        trackersWhenStarted.Should().Be(1);
        recordsWhenStarted.Should().Be(1);
        manager.GetTracker("fake-mini").ComputeNode!.MemoryMbUsed.Should().Be(512);
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_Host_AuditsPeriodicallyWithTheRegisteredClock()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var arrived = _driver.HangNextCall(FakeComputeDriverMethod.GetAvailableNodes);

        _time.Advance(TimeSpan.FromSeconds(60));

        await arrived.WaitAsync(TimeSpan.FromSeconds(30));
        _driver.ReleaseHungCalls();
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_Host_RecordsAuditsOnTheContainersMeterFactory()
    {
        using var host = BuildHost();
        using var audits = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), "Nova.Resources", "nova.compute.audits");

        await host.StartAsync();

        audits.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["nova.node"].Should().Be("fake-mini");
        await host.StopAsync();
    }

    [Fact]
    public void AddNovaResources_Twice_RegistersOneOfEach()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddNovaResources(o => o.Host = "compute").AddComputeDriver(_driver);
        services.AddNovaResources(o => o.Host = "compute");

        using var provider = services.BuildServiceProvider();

        provider.GetServices<IHostedService>().Should().ContainSingle().Which.Should().BeOfType<ResourceAuditService>();
        provider.GetRequiredService<ComputeResourceManager>().Should().BeSameAs(provider.GetRequiredService<ComputeResourceManager>());
        provider.GetRequiredService<IComputeNodeStore>().Should().BeOfType<InMemoryComputeNodeStore>();
    }

    [Fact]
    public async Task AddNovaResources_StoreAndInstanceSourceRegisteredByTheApp_AreUsed()
    {
        var store = new TestStore();
        var source = new TestInstanceSource();
        source.Set("fake-mini", TrackerHarness.Instance("i-1", memoryMb: 1024));
        var services = new ServiceCollection();
        services.AddSingleton<IComputeNodeStore>(store);
        services.AddSingleton<IInstanceSource>(source);
        services.AddNovaResources(o => o.Host = "compute").AddComputeDriver(_driver);
        using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<ComputeResourceManager>();

        await manager.UpdateAvailableResourceAsync();

        store.Creates.Should().Be(1);
        source.Calls.Should().Equal(("compute", "fake-mini"));
        manager.GetTracker("fake-mini").ComputeNode!.MemoryMbUsed.Should().Be(1536);
    }

    [Fact]
    public async Task AddNovaResources_ReportersAndLedgerRegisteredByTheApp_AreUsed()
    {
        var first = new TestReporter();
        var second = new TestReporter();
        var ledger = new InMemoryInstanceLedger();
        await ledger.AddAsync("compute", "fake-mini", TrackerHarness.Instance("i-1", memoryMb: 1024));
        var services = new ServiceCollection();
        services.AddSingleton<IInstanceLedger>(ledger);
        // Two instances of one type: TryAddEnumerable would keep only the first.
        services.AddSingleton<IComputeNodeReporter>(first);
        services.AddSingleton<IComputeNodeReporter>(second);
        services.AddNovaResources(o => o.Host = "compute").AddComputeDriver(_driver);
        using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<ComputeResourceManager>();

        await manager.UpdateAvailableResourceAsync();

        var record = manager.GetTracker("fake-mini").ComputeNode!;
        record.MemoryMbUsed.Should().Be(1536);
        first.Reported.Should().ContainSingle().Which.Should().BeSameAs(record);
        second.Reported.Should().ContainSingle().Which.Should().BeSameAs(record);
        provider.GetRequiredService<IInstanceLedger>().Should().BeSameAs(ledger);
    }

    [Fact]
    public void AddNovaResources_NothingRegistered_UsesTheInMemoryLedger()
    {
        var services = new ServiceCollection();
        services.AddNovaResources(o => o.Host = "compute").AddComputeDriver(_driver);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IInstanceLedger>().Should().BeOfType<InMemoryInstanceLedger>();
    }

    [Fact]
    public async Task AddNovaResources_WithoutLoggingOrMetrics_StillAudits()
    {
        var services = new ServiceCollection();
        services.AddNovaResources(o => o.Host = "compute").AddComputeDriver(_driver);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ComputeResourceManager>().UpdateAvailableResourceAsync();

        provider.GetRequiredService<ComputeResourceManager>().GetTracker("fake-mini").ComputeNode.Should().NotBeNull();
        provider.GetServices<IHostedService>().Should().ContainSingle();
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddNovaResources(o => o.Host = "compute").AddComputeDriver(_driver);
        return builder.Build();
    }
}
