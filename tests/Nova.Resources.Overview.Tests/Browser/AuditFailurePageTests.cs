using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Hosting;
using Nova.Resources.Overview.Audits;
using Nova.Resources.Overview.Tests.Support;
using Nova.Resources.Testing;

namespace Nova.Resources.Overview.Tests.Browser;

/// <summary>A host whose audits fail, beside one whose audits succeed, on the real scene and in headless Chromium.</summary>
public class AuditFailurePageTests
{
    private const string Cause = "virConnectGetInfo: End of file while reading data";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Page_HostWhoseLastAuditFailed_ShowsFailedWithTheCause()
    {
        await using var scene = await Scene.StartAsync("audit-failed");
        await using (var reader = new PostgreSqlAuditReader(scene.ConnectionString))
        {
            (await reader.ReadAsync(CancellationToken.None)).Should().BeEmpty("a database without the audit table reads as no audits");
        }

        // A compute host in this process, as an application runs one: one good audit saves its record, the next fails.
        var driver = new FakeComputeDriver();
        var services = new ServiceCollection();
        services.AddNovaResources(options =>
            {
                options.Host = "compute-broken";
                options.MyIp = "192.0.2.20";
                options.UpdateResourcesInterval = TimeSpan.FromSeconds(-1);
            })
            .AddComputeDriver(driver)
            .AddPostgreSqlStore(scene.ConnectionString)
            .AddPostgreSqlAuditRecords();
        await using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<ComputeResourceManager>();
        await manager.UpdateAvailableResourceAsync();
        driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, new IOException(Cause));
        await manager.UpdateAvailableResourceAsync();
        manager.GetTracker(FakeComputeDriver.DefaultNodeName).LastAudit!.Succeeded.Should().BeFalse();

        scene.StartAgent("compute-ok", 8, 16384, 200);
        var address = await scene.StartOverviewAsync(Patience);
        using var chromium = Chromium.Start();
        chromium.Driver.Navigate().GoToUrl(address);

        var page = await chromium.WaitForAsync(
            PageNumbers.Read, n => n.Count == 2 && n.Rows.All(r => r.Audit != "none"), Patience, "both hosts with an audit recorded");
        var broken = page.Rows.Single(r => r.Host == "compute-broken");
        broken.Audit.Should().Be("failed");
        broken.AuditText.Should().Be($"✕ failed: {Cause}");
        page.Rows.Single(r => r.Host == "compute-ok").AuditText.Should().MatchRegex(@"^audited \d+ s ago · ok$");

        using var http = new HttpClient { BaseAddress = address };
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/overview", UriKind.Relative)));
        var host = json.RootElement.GetProperty("hosts").EnumerateArray().Single(h => h.GetProperty("host").GetString() == "compute-broken");
        host.GetProperty("last_audit_succeeded").GetBoolean().Should().BeFalse();
        host.GetProperty("last_audit_error").GetString().Should().Be(Cause);
        host.GetProperty("last_audit_at").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
    }
}
