using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Nova.Resources.Placement.Tests.TestSupport;
using Nova.Resources.Tracking;

namespace Nova.Resources.Placement.Tests.Reporting;

/// <summary>
/// The compute side against a real Placement (sqlite): one audit of libvirt's test:///default host and what Placement
/// then holds, and what later audits send.
/// </summary>
[Collection(PlacementCollection.Name)]
public sealed class PlacementReporterTests(PlacementFixture placement) : IAsyncLifetime
{
    private readonly PlacementAdmin _admin = new(placement.Endpoint);

    public async Task InitializeAsync()
    {
        await using var host = ComputeHosts.Create(placement.Endpoint);
        await _admin.DeleteProvidersNamedAsync(await ComputeHosts.NodeNameAsync(host));
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Audit_TestDefault_PlacementHoldsOneProviderWithTheRecordsInventoryAndComputeNode()
    {
        await using var host = ComputeHosts.Create(placement.Endpoint);

        var (node, error) = await ComputeHosts.AuditAsync(host);

        error.Should().BeNull();
        var providers = await _admin.ProvidersNamedAsync(node.HypervisorHostname);
        providers.Should().ContainSingle().Which.Uuid.Should().Be(node.Uuid);
        var client = host.GetRequiredService<PlacementClient>();
        var inventories = await client.GetInventoriesAsync(node.Uuid);
        node.Inventory.Keys.Should().BeEquivalentTo(["VCPU", "MEMORY_MB", "DISK_GB"]);
        inventories.Inventories.Should().BeEquivalentTo(node.Inventory);
        inventories.Inventories["VCPU"].Should().Be(new InventoryRecord(16, 0, 1, 16, 1, 4.0)); // virsh nodeinfo: 16 CPUs
        inventories.Inventories["MEMORY_MB"].Reserved.Should().Be(512);
        (await client.GetTraitsAsync(node.Uuid)).Traits.Should().Equal("COMPUTE_NODE"); // test:///default's CPU has only pae, nonpae
    }

    [Fact]
    public async Task Audit_SecondUnchanged_SendsNoRequestAndLeavesTheGeneration()
    {
        await using var host = ComputeHosts.Create(placement.Endpoint);
        var (node, _) = await ComputeHosts.AuditAsync(host);
        long generation = (await _admin.ProvidersNamedAsync(node.HypervisorHostname)).Single().Generation;
        using var requests = ComputeHosts.CountRequests(host);

        var (again, error) = await ComputeHosts.AuditAsync(host);

        error.Should().BeNull();
        again.Uuid.Should().Be(node.Uuid);
        requests.Total().Should().Be(0);
        (await _admin.ProvidersNamedAsync(node.HypervisorHostname)).Single().Generation.Should().Be(generation);
    }

    [Fact]
    public async Task Audit_FromANewServiceProviderOnTheSameStore_ReadsOnlyAndLeavesTheGeneration()
    {
        IComputeNodeStore store;
        ComputeNode node;
        await using (var first = ComputeHosts.Create(placement.Endpoint))
        {
            (node, _) = await ComputeHosts.AuditAsync(first);
            store = first.GetRequiredService<IComputeNodeStore>();
        }

        long generation = (await _admin.ProvidersNamedAsync(node.HypervisorHostname)).Single().Generation;
        await using var second = ComputeHosts.Create(placement.Endpoint, services: s => s.AddSingleton(store));
        using var requests = ComputeHosts.CountRequests(second);

        var (again, error) = await ComputeHosts.AuditAsync(second);

        error.Should().BeNull();
        again.Uuid.Should().Be(node.Uuid);
        var sent = requests.GetMeasurementSnapshot();
        sent.Should().OnlyContain(m => (string)m.Tags["http.request.method"]! == "GET", "a new process reads the provider once and writes nothing");
        sent.Sum(static m => m.Value).Should().Be(3); // in_tree, inventories, traits
        (await _admin.ProvidersNamedAsync(node.HypervisorHostname)).Single().Generation.Should().Be(generation);
    }

    [Fact]
    public async Task Audit_ChangedReservation_WritesTheInventoryOnce()
    {
        var configuration = ComputeHosts.NovaConfiguration(reservedHostMemoryMb: 512);
        await using var host = ComputeHosts.Create(placement.Endpoint, compute: configuration);
        var (node, _) = await ComputeHosts.AuditAsync(host);
        long generation = (await _admin.ProvidersNamedAsync(node.HypervisorHostname)).Single().Generation;
        using var requests = ComputeHosts.CountRequests(host);

        configuration.Set("ReservedHostMemoryMb", "1024");
        var (changed, error) = await ComputeHosts.AuditAsync(host);
        var (_, errorAfter) = await ComputeHosts.AuditAsync(host);

        error.Should().BeNull();
        errorAfter.Should().BeNull();
        changed.Inventory["MEMORY_MB"].Reserved.Should().Be(1024);
        requests.GetMeasurementSnapshot().Should().ContainSingle("one PUT of the inventory, then nothing")
            .Which.Tags["http.request.method"].Should().Be("PUT");
        var client = host.GetRequiredService<PlacementClient>();
        var stored = await client.GetInventoriesAsync(node.Uuid);
        stored.Inventories["MEMORY_MB"].Reserved.Should().Be(1024);
        stored.ResourceProviderGeneration.Should().Be(generation + 1);
    }

    [Fact]
    public async Task RemoveAsync_OrphanNode_DeletesItsProvider()
    {
        await using var host = ComputeHosts.Create(placement.Endpoint);
        var (node, _) = await ComputeHosts.AuditAsync(host);
        var reporter = host.GetServices<IComputeNodeReporter>().Should().ContainSingle().Subject;

        await reporter.RemoveAsync(node);
        await reporter.RemoveAsync(node); // already gone: nothing to do

        (await _admin.ProvidersNamedAsync(node.HypervisorHostname)).Should().BeEmpty();
    }

    [Fact]
    public async Task Audit_OrphanRecordOfTheHost_DeletesTheRecordAndItsProvider()
    {
        await using var host = ComputeHosts.Create(placement.Endpoint);
        var store = host.GetRequiredService<IComputeNodeStore>();
        var orphan = await store.CreateAsync(SyntheticNodes.Create() with { Host = ComputeHosts.Host });
        await host.GetServices<IComputeNodeReporter>().Single().ReportAsync(orphan);
        (await _admin.ProvidersNamedAsync(orphan.HypervisorHostname)).Should().ContainSingle();

        var (node, error) = await ComputeHosts.AuditAsync(host);

        error.Should().BeNull();
        (await store.GetByHostAsync(ComputeHosts.Host)).Should().ContainSingle().Which.Uuid.Should().Be(node.Uuid);
        (await _admin.ProvidersNamedAsync(orphan.HypervisorHostname)).Should().BeEmpty("the orphan node's provider goes with its record");
        (await _admin.ProvidersNamedAsync(node.HypervisorHostname)).Should().ContainSingle();
    }

    [Fact]
    public async Task Audit_AnotherProviderHasTheNodesName_FailsNamingTheConflictAndDoesNotRedrive()
    {
        await using var host = ComputeHosts.Create(placement.Endpoint);
        string name = await ComputeHosts.NodeNameAsync(host);
        var squatter = Guid.NewGuid();
        (await _admin.SendAsync(HttpMethod.Post, "resource_providers", "1.20", new { uuid = squatter, name })).Should().Be(System.Net.HttpStatusCode.OK);
        using var redrives = new MetricCollector<long>(host.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "Nova.Resources", "nova.placement.report.redrives");

        var (node, error) = await ComputeHosts.AuditAsync(host);

        node.Should().NotBeNull("the audit and its record do not depend on Placement");
        error.Should().BeOfType<PlacementException>()
            .Which.Message.Should().Contain($"Placement already has another provider named '{name}'").And.Contain("Conflicting resource provider name:");
        redrives.GetMeasurementSnapshot().Should().BeEmpty();
        (await _admin.ProvidersNamedAsync(name)).Should().ContainSingle().Which.Uuid.Should().Be(squatter);
    }
}
