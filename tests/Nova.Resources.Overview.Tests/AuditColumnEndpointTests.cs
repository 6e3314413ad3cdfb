using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nova.Resources.Overview.Audits;
using Nova.Resources.Overview.Model;
using Nova.Resources.Overview.Tests.Support;

namespace Nova.Resources.Overview.Tests;

public class AuditColumnEndpointTests
{
    [Fact]
    public async Task GetOverview_AuditsRecorded_EachHostCarriesItsLastAuditInSnakeCase()
    {
        var store = new ListStore();
        store.Add(Nodes.Make("compute-1", 8, 16384, 200));
        store.Add(Nodes.Make("compute-2", 8, 16384, 200));
        store.Add(Nodes.Make("compute-3", 8, 16384, 200));
        var audits = new ListAuditReader();
        var finished = new DateTimeOffset(2026, 12, 1, 12, 5, 0, TimeSpan.Zero);
        audits.Audits[("compute-1", "compute-1")] = new NodeAudit(finished, true, null);
        audits.Audits[("compute-2", "compute-2")] = new NodeAudit(finished, false, "libvirt: Cannot recv data: Connection reset by peer");
        await using var server = await OverviewServer.StartAsync(store, configure: s => s.AddSingleton<IAuditReader>(audits));

        var hosts = await HostsAsync(server);

        hosts[0].GetProperty("last_audit_at").GetDateTimeOffset().Should().Be(finished);
        hosts[0].GetProperty("last_audit_succeeded").GetBoolean().Should().BeTrue();
        hosts[0].GetProperty("last_audit_error").ValueKind.Should().Be(JsonValueKind.Null);
        hosts[1].GetProperty("last_audit_succeeded").GetBoolean().Should().BeFalse();
        hosts[1].GetProperty("last_audit_error").GetString().Should().Be("libvirt: Cannot recv data: Connection reset by peer");
        hosts[2].GetProperty("last_audit_at").ValueKind.Should().Be(JsonValueKind.Null);
        hosts[2].GetProperty("last_audit_succeeded").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task GetOverview_AuditsUnreadable_ShowsTheHostsWithoutThem()
    {
        var store = new ListStore();
        store.Add(Nodes.Make("compute-1", 8, 16384, 200));
        var audits = new ListAuditReader { Fail = true };
        await using var server = await OverviewServer.StartAsync(store, configure: s => s.AddSingleton<IAuditReader>(audits));

        var hosts = await HostsAsync(server);

        hosts.Should().ContainSingle().Which.GetProperty("last_audit_at").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Refresh_OnlyAuditTimesChange_LogsOverviewChangedOnlyWhenTheTotalsMove()
    {
        var store = new ListStore();
        store.Add(Nodes.Make("compute-1", 8, 16384, 200));
        var audits = new ListAuditReader();
        var logs = new FakeLogCollector();
        await using var server = await OverviewServer.StartAsync(
            store,
            new Dictionary<string, string?> { ["Overview:RefreshInterval"] = "01:00:00" },
            s => s.AddSingleton<IAuditReader>(audits).AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)));
        var feed = server.Services.GetRequiredService<OverviewFeed>();
        int Changed() => logs.GetSnapshot().Count(r => r.Id.Id == 3);
        await feed.RefreshAsync(CancellationToken.None);
        int before = Changed();

        var finished = new DateTimeOffset(2026, 12, 1, 12, 5, 0, TimeSpan.Zero);
        for (int audit = 0; audit < 3; audit++)
        {
            audits.Audits[("compute-1", "compute-1")] = new NodeAudit(finished.AddSeconds(5 * audit), true, null);
            await feed.RefreshAsync(CancellationToken.None);
        }

        Changed().Should().Be(before, "a new audit time changes the page but not the cluster's totals");
        store.Add(Nodes.Make("compute-2", 16, 32768, 400));
        await feed.RefreshAsync(CancellationToken.None);
        Changed().Should().Be(before + 1, "a host joined");
    }

    private static async Task<List<JsonElement>> HostsAsync(OverviewServer server)
    {
        string body = await server.Http.GetStringAsync(new Uri("api/overview", UriKind.Relative));
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.Clone())];
    }
}
