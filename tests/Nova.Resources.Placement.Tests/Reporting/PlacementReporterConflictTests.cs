using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Nova.Resources.Placement.Http;
using Nova.Resources.Placement.Tests.TestSupport;
using Nova.Resources.Tracking;

namespace Nova.Resources.Placement.Tests.Reporting;

/// <summary>Generation races and refused inventory changes against a real Placement.</summary>
[Collection(PlacementCollection.Name)]
public sealed class PlacementReporterConflictTests(PlacementFixture placement) : IAsyncLifetime
{
    private readonly PlacementAdmin _admin = new(placement.Endpoint);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ReportAsync_AnotherWriterBumpsTheProviderBetweenReadAndWrite_RedrivesAndWrites()
    {
        var bumper = new BumpBeforeHandler(_admin, "/inventories", times: 1);
        await using var services = SyntheticNodes.Services(placement.Endpoint, services: s => s.AddHttpClient(PlacementHttp.ClientName).AddHttpMessageHandler(() => bumper));
        using var redrives = Redrives(services);
        var node = SyntheticNodes.Create();

        await services.Reporter().ReportAsync(node);

        bumper.Bumped.Should().Be(1);
        redrives.GetMeasurementSnapshot().Should().ContainSingle();
        var client = services.GetRequiredService<PlacementClient>();
        (await client.GetInventoriesAsync(node.Uuid)).Inventories.Should().BeEquivalentTo(node.Inventory);
        (await client.GetTraitsAsync(node.Uuid)).Traits.Should().Equal("COMPUTE_NODE");
    }

    [Fact]
    public async Task ReportAsync_StaleCachedGenerationAfterAClaim_RedrivesOnceAndWritesOnce()
    {
        await using var services = SyntheticNodes.Services(placement.Endpoint);
        using var redrives = Redrives(services);
        var node = SyntheticNodes.Create(vcpus: 4);
        await services.Reporter().ReportAsync(node);
        var client = services.GetRequiredService<PlacementClient>();
        await client.ClaimAsync(Guid.NewGuid(), new AllocationRequest(new Dictionary<Guid, IReadOnlyDictionary<string, long>> { [node.Uuid] = new Dictionary<string, long> { ["VCPU"] = 1 } }), "project", "user");

        var changed = node with { Inventory = new Dictionary<string, InventoryRecord>(node.Inventory) { [ResourceClasses.Vcpu] = new(4, 1, 1, 4, 1, 1.0) } };
        await services.Reporter().ReportAsync(changed);

        redrives.GetMeasurementSnapshot().Should().ContainSingle("the claim bumped the generation the reporter had cached");
        (await client.GetInventoriesAsync(node.Uuid)).Inventories["VCPU"].Reserved.Should().Be(1);
    }

    [Fact]
    public async Task ReportAsync_EveryWriteRaced_GivesUpAfterFourAttemptsAndTheNextReportSucceeds()
    {
        var bumper = new BumpBeforeHandler(_admin, "/inventories", times: int.MaxValue);
        await using var services = SyntheticNodes.Services(placement.Endpoint, services: s => s.AddHttpClient(PlacementHttp.ClientName).AddHttpMessageHandler(() => bumper));
        using var redrives = Redrives(services);
        var node = SyntheticNodes.Create();

        var act = async () => await services.Reporter().ReportAsync(node);

        (await act.Should().ThrowAsync<PlacementException>()).Which.ErrorCode.Should().Be("placement.concurrent_update");
        bumper.Bumped.Should().Be(4);
        redrives.GetMeasurementSnapshot().Should().HaveCount(3);

        bumper.Times = 0;
        await services.Reporter().ReportAsync(node);
        (await services.GetRequiredService<PlacementClient>().GetInventoriesAsync(node.Uuid)).Inventories.Should().BeEquivalentTo(node.Inventory);
    }

    [Fact]
    public async Task ReportAsync_RemovesAClassThatHasAllocations_ThrowsInventoryInUseWithoutRetrying()
    {
        var node = SyntheticNodes.Create();
        await using (var first = SyntheticNodes.Services(placement.Endpoint))
        {
            await first.Reporter().ReportAsync(node);
            await first.GetRequiredService<PlacementClient>().ClaimAsync(
                Guid.NewGuid(), new AllocationRequest(new Dictionary<Guid, IReadOnlyDictionary<string, long>> { [node.Uuid] = new Dictionary<string, long> { ["DISK_GB"] = 10 } }), "project", "user");
        }

        // A reporter that reads the provider afresh, so its one inventory PUT carries the current generation.
        await using var services = SyntheticNodes.Services(placement.Endpoint);
        using var redrives = Redrives(services);
        using var requests = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), "Nova.Resources", "nova.placement.requests");
        var withoutDisk = node with { Inventory = node.Inventory.Where(static p => p.Key != ResourceClasses.DiskGb).ToDictionary() };

        var act = async () => await services.Reporter().ReportAsync(withoutDisk);

        var thrown = (await act.Should().ThrowAsync<PlacementInventoryInUseException>()).Which;
        thrown.ErrorCode.Should().Be("placement.inventory.inuse");
        thrown.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
        thrown.Detail.Should().Contain("DISK_GB").And.Contain("in use");
        redrives.GetMeasurementSnapshot().Should().BeEmpty();
        requests.GetMeasurementSnapshot().Where(static m => (string)m.Tags["http.request.method"]! == "PUT").Should().ContainSingle()
            .Which.Tags["http.response.status_code"].Should().Be(409);
        (await services.GetRequiredService<PlacementClient>().GetInventoriesAsync(node.Uuid)).Inventories.Should().ContainKey("DISK_GB");
    }

    private static MetricCollector<long> Redrives(IServiceProvider services)
        => new(services.GetRequiredService<IMeterFactory>(), "Nova.Resources", "nova.placement.report.redrives");

    /// <summary>Before forwarding a PUT whose path ends with <c>suffix</c>, bumps the provider's generation as another writer would.</summary>
    private sealed class BumpBeforeHandler(PlacementAdmin admin, string suffix, int times) : DelegatingHandler
    {
        private int _bumped;

        public int Times { get; set; } = times;

        public int Bumped => _bumped;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Put && path.EndsWith(suffix, StringComparison.Ordinal) && _bumped < Times)
            {
                var provider = Guid.Parse(path.Split('/')[^2]);
                await admin.BumpGenerationAsync(provider);
                Interlocked.Increment(ref _bumped);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
