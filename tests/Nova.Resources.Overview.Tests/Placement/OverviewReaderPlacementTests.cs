using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Overview.Tests.Support;

namespace Nova.Resources.Overview.Tests.Placement;

/// <summary>
/// The overview's Placement error paths, with recorded answers (the happy path runs against a real Placement in the
/// fleet test): a provider Placement does not know yet, and a Placement that fails.
/// </summary>
public class OverviewReaderPlacementTests
{
    private static readonly Guid Known = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Unknown = Guid.Parse("22222222-2222-2222-2222-222222222222");

    [Fact]
    public async Task ReadAsync_ProviderNotInPlacementYet_CountsNothingAllocatedThere()
    {
        var store = new ListStore();
        store.Add(Nodes.Make("known", 8, 16384, 200) with { Uuid = Known });
        store.Add(Nodes.Make("unknown", 8, 16384, 200) with { Uuid = Unknown });
        await using var services = Build(store, request => request.RequestUri!.AbsolutePath.Contains(Known.ToString(), StringComparison.Ordinal)
            ? Json(HttpStatusCode.OK, """{"resource_provider_generation": 7, "usages": {"VCPU": 6, "MEMORY_MB": 3072, "DISK_GB": 30}}""")
            : Json(HttpStatusCode.NotFound, """{"errors": [{"status": 404, "title": "Not Found", "detail": "No resource provider with uuid found"}]}"""));

        var overview = await services.GetRequiredService<OverviewReader>().ReadAsync(CancellationToken.None);

        overview.Placement.Should().BeTrue();
        overview.PlacementError.Should().BeNull();
        overview.Capacity["VCPU"].Allocated.Should().Be(6);
        overview.Capacity["MEMORY_MB"].Allocated.Should().Be(3072);
        overview.Hosts.Single(h => h.Host == "unknown").Capacity["VCPU"].Allocated.Should().Be(0);
    }

    [Fact]
    public async Task ReadAsync_PlacementFails_RecordsStillShownAndTheErrorSaid()
    {
        var store = new ListStore();
        store.Add(Nodes.Make("known", 8, 16384, 200) with { Uuid = Known });
        await using var services = Build(store, _ => Json(HttpStatusCode.Forbidden,
            """{"errors": [{"status": 403, "title": "Forbidden", "detail": "admin required", "code": "placement.undefined_code"}]}"""));

        var overview = await services.GetRequiredService<OverviewReader>().ReadAsync(CancellationToken.None);

        overview.Count.Should().Be(1);
        overview.Vcpus.Should().Be(8);
        overview.Placement.Should().BeFalse();
        overview.PlacementError.Should().Contain("403");
        overview.Capacity["VCPU"].Allocated.Should().BeNull();
    }

    private static ServiceProvider Build(ListStore store, Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Placement:Endpoint"] = "http://127.0.0.1:9/",
            ["Placement:Token"] = "admin",
            ["Placement:MaxRetryAttempts"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Nova.Resources.Tracking.IComputeNodeStore>(store);
        services.AddOverview(configuration);
        services.AddPlacementClient(configuration.GetSection("Placement")).ConfigurePrimaryHttpMessageHandler(() => new RecordedHandler(answer));
        return services.BuildServiceProvider();
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body)
        => new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private sealed class RecordedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(answer(request));
    }
}
