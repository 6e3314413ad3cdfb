using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Overview.Tests.Support;

namespace Nova.Resources.Overview.Tests;

public class OverviewEndpointsTests
{
    private static readonly string[] NovaStatistics =
    [
        "count", "vcpus", "memory_mb", "local_gb", "vcpus_used", "memory_mb_used", "local_gb_used",
        "free_ram_mb", "free_disk_gb", "running_vms", "current_workload", "disk_available_least",
    ];

    [Fact]
    public async Task GetOverview_TwoHosts_NovaStatisticsNamesAndOneObjectPerHostWithTheSameFields()
    {
        var store = new ListStore();
        store.Add(Nodes.Make("compute-1", 8, 16384, 200, vcpusUsed: 2, memoryMbUsed: 2560, runningVms: 1));
        store.Add(Nodes.Make("compute-2", 16, 32768, 400));
        await using var server = await OverviewServer.StartAsync(store);

        using var response = await server.Http.GetAsync(new Uri("api/overview", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        foreach (var name in NovaStatistics)
        {
            root.TryGetProperty(name, out _).Should().BeTrue($"the overview carries Nova's {name}");
        }

        root.GetProperty("count").GetInt32().Should().Be(2);
        root.GetProperty("vcpus").GetInt64().Should().Be(24);
        root.GetProperty("memory_mb_used").GetInt64().Should().Be(2560 + 512);
        root.GetProperty("capacity").GetProperty("VCPU").GetProperty("capacity").GetInt64().Should().Be(96);
        var hosts = root.GetProperty("hosts").EnumerateArray().ToList();
        hosts.Should().HaveCount(2);
        foreach (var host in hosts)
        {
            foreach (var name in NovaStatistics.Where(n => n != "count"))
            {
                host.TryGetProperty(name, out _).Should().BeTrue($"each host carries {name}");
            }

            host.GetProperty("uuid").GetGuid().Should().NotBeEmpty();
        }

        hosts[0].GetProperty("host").GetString().Should().Be("compute-1");
        hosts[0].GetProperty("hypervisor_hostname").GetString().Should().Be("compute-1");
        hosts[0].GetProperty("running_vms").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task GetOverview_StoreFails_503NamingTheStoreAndItsMessage()
    {
        var store = new ListStore { FailWith = new InvalidOperationException("connection refused (127.0.0.1:1)") };
        await using var server = await OverviewServer.StartAsync(store);

        using var response = await server.Http.GetAsync(new Uri("api/overview", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        string body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("compute-node store").And.Contain("connection refused (127.0.0.1:1)");
    }

    [Theory]
    [InlineData("", "text/html", "overview.js")]
    [InlineData("overview.js", "text/javascript", "EventSource")]
    [InlineData("overview.css", "text/css", "--used")]
    [InlineData("favicon.svg", "image/svg+xml", "<svg")]
    public async Task GetAsset_ServedByTheAppItself_WithAPolicyThatAllowsNothingFromElsewhere(string path, string mediaType, string content)
    {
        await using var server = await OverviewServer.StartAsync(new ListStore());

        using var response = await server.Http.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
        response.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'self'");
        string body = await response.Content.ReadAsStringAsync();
        body.Should().Contain(content);
        // An XML namespace is a name, not something loaded.
        body.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal)
            .Should().NotContainAny(["https://", "http://", "//cdn"], "the page loads nothing from the internet");
    }

    [Fact]
    public async Task Events_StoreChanges_StreamSendsTheNewOverviewAndTicksOtherwise()
    {
        var store = new ListStore();
        store.Add(Nodes.Make("compute-1", 8, 16384, 200));
        // A refresh interval far beyond the test: every read below is the test's own RefreshAsync.
        await using var server = await OverviewServer.StartAsync(store, new Dictionary<string, string?> { ["Overview:RefreshInterval"] = "01:00:00" });
        var feed = server.Services.GetRequiredService<OverviewFeed>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var response = await server.Http.GetAsync(new Uri("api/overview/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        using var events = new EventReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var first = await events.NextAsync(cancel.Token);
        first.Name.Should().Be("overview");
        JsonDocument.Parse(first.Data).RootElement.GetProperty("count").GetInt32().Should().Be(1);

        await feed.RefreshAsync(cancel.Token);
        var unchanged = await events.NextAsync(cancel.Token);
        unchanged.Name.Should().Be("tick");
        JsonDocument.Parse(unchanged.Data).RootElement.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);

        store.Add(Nodes.Make("compute-2", 16, 32768, 400));
        await feed.RefreshAsync(cancel.Token);
        var grown = await events.NextAsync(cancel.Token);
        grown.Name.Should().Be("overview");
        var root = JsonDocument.Parse(grown.Data).RootElement;
        root.GetProperty("count").GetInt32().Should().Be(2);
        root.GetProperty("vcpus").GetInt64().Should().Be(24);

        store.FailWith = new InvalidOperationException("the database is gone");
        await feed.RefreshAsync(cancel.Token);
        var failed = await events.NextAsync(cancel.Token);
        failed.Name.Should().Be("tick");
        JsonDocument.Parse(failed.Data).RootElement.GetProperty("error").GetString().Should().Be("the database is gone");
    }

    [Fact]
    public async Task Start_RefreshIntervalZero_FailsNamingTheKey()
    {
        var start = () => OverviewServer.StartAsync(new ListStore(), new Dictionary<string, string?> { ["Overview:RefreshInterval"] = "00:00:00" });

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>())
            .Which.Message.Should().Contain("Overview:RefreshInterval").And.Contain("00:00:00");
    }
}
