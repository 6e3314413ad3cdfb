using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tests.Tracking;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Hosting;

/// <summary>The <c>nova-resources</c> health check, registered as an application does, on a fake clock.</summary>
public sealed class NovaResourcesHealthCheckTests : IDisposable
{
    private readonly FakeComputeDriver _driver = new();
    private readonly TestReporter _reporter = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _provider;

    public NovaResourcesHealthCheckTests()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IComputeNodeReporter>(_reporter);
        services.AddNovaResources(o =>
        {
            o.Host = "compute";
            o.MyIp = "192.0.2.1";
            o.UpdateResourcesInterval = TimeSpan.FromSeconds(60);
        }).AddComputeDriver(_driver);
        services.AddHealthChecks().AddNovaResourcesHealthCheck(tags: ["ready"]);
        _provider = services.BuildServiceProvider();
    }

    private ComputeResourceManager Manager => _provider.GetRequiredService<ComputeResourceManager>();

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task CheckHealth_BeforeTheFirstAudit_IsUnhealthy()
    {
        var entry = await CheckAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Be("No node has been audited yet.");
        entry.Tags.Should().Equal("ready");
    }

    [Fact]
    public async Task CheckHealth_EveryNodeAudited_IsHealthy()
    {
        _driver.SetNodes("n1", "n2");
        await Manager.UpdateAvailableResourceAsync();

        var entry = await CheckAsync();

        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Description.Should().Be("Every node's last audit succeeded (2 nodes).");
        entry.Data.Keys.Should().Equal("n1", "n2");
        entry.Data["n1"].Should().Be("succeeded at 2026-03-01 12:00:00Z in 0 ms");
    }

    [Fact]
    public async Task CheckHealth_ANodesAuditFailed_IsUnhealthyNamingTheNodeAndTheCause()
    {
        _driver.SetNodes("n1", "n2");
        await Manager.UpdateAvailableResourceAsync();
        var cause = new TimeoutException("libvirt did not answer");
        _time.Advance(TimeSpan.FromSeconds(60));
        _driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, cause);
        await Manager.UpdateAvailableResourceAsync();

        var entry = await CheckAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Be("The last audit of node n1 failed at 2026-03-01 12:01:00Z: libvirt did not answer");
        entry.Exception.Should().BeSameAs(cause);
        entry.Data["n2"].Should().Be("succeeded at 2026-03-01 12:01:00Z in 0 ms");
    }

    [Fact]
    public async Task CheckHealth_NoAuditWithinThreeIntervals_IsUnhealthy()
    {
        await Manager.UpdateAvailableResourceAsync();
        _time.Advance(TimeSpan.FromSeconds(180));
        (await CheckAsync()).Status.Should().Be(HealthStatus.Healthy, "three intervals have not yet passed");

        _time.Advance(TimeSpan.FromSeconds(1));
        var entry = await CheckAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Be("No audit of node fake-mini finished since 2026-03-01 12:00:00Z, 3 audit intervals (00:01:00) ago.");
    }

    [Fact]
    public async Task CheckHealth_AuditSucceedsAgain_IsHealthyAgain()
    {
        _driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, new InvalidOperationException("boom"));
        await Manager.UpdateAvailableResourceAsync();
        (await CheckAsync()).Status.Should().Be(HealthStatus.Unhealthy);

        await Manager.UpdateAvailableResourceAsync();

        (await CheckAsync()).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task CheckHealth_AReporterFailed_IsDegradedNamingTheNodeAndTheCause()
    {
        var cause = new HttpRequestException("placement answered 503");
        _reporter.FailNextReport(cause);
        await Manager.UpdateAvailableResourceAsync();

        var entry = await CheckAsync();

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Be("The last report of node fake-mini failed: placement answered 503");
        entry.Exception.Should().BeSameAs(cause);
    }

    private async Task<HealthReportEntry> CheckAsync()
    {
        var report = await _provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        report.Entries.Keys.Should().Equal("nova-resources");
        return report.Entries["nova-resources"];
    }
}
