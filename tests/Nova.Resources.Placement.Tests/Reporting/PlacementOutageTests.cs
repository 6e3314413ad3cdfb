using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Nova.Resources.Placement.Tests.TestSupport;

namespace Nova.Resources.Placement.Tests.Reporting;

/// <summary>A Placement of the test's own, stopped in the middle of a run and started again on the same port and database.</summary>
public sealed class PlacementOutageTests
{
    [Fact]
    public async Task Audits_PlacementStoppedAndStartedAgain_GoOnAndReportingResumesWithoutDuplicates()
    {
        await using var server = await PlacementServer.StartAsync();
        var configuration = ComputeHosts.NovaConfiguration(reservedHostMemoryMb: 512);
        await using var host = ComputeHosts.Create(server.Endpoint, compute: configuration, placement: static o => o.MaxRetryAttempts = 1);
        using var failures = new MetricCollector<long>(host.GetRequiredService<IMeterFactory>(), "Nova.Resources", "nova.placement.report.failures");
        var (first, firstError) = await ComputeHosts.AuditAsync(host);
        firstError.Should().BeNull();
        var client = host.GetRequiredService<PlacementClient>();
        long generation = (await client.GetResourceProviderAsync(first.Uuid))!.Generation;

        await server.StopAsync();
        configuration.Set("ReservedHostMemoryMb", "1024");
        var (during, duringError) = await ComputeHosts.AuditAsync(host);
        var (again, againError) = await ComputeHosts.AuditAsync(host);

        during.MemoryMbUsed.Should().Be(first.MemoryMbUsed + 512, "the audit and its record go on without Placement");
        during.Inventory["MEMORY_MB"].Reserved.Should().Be(1024);
        again.Should().Be(during);
        duringError.Should().BeOfType<PlacementUnavailableException>()
            .Which.Message.Should().Contain(server.Endpoint.ToString()).And.Contain($"did not answer PUT /resource_providers/{first.Uuid}/inventories").And.Contain("Connection refused");
        againError.Should().BeOfType<PlacementUnavailableException>("the failed report dropped the cache: the provider is read again first")
            .Which.Message.Should().Contain($"did not answer GET /resource_providers?in_tree={first.Uuid}");
        failures.GetMeasurementSnapshot().Should().HaveCount(2);

        await server.StartAgainAsync();
        var (_, resumedError) = await ComputeHosts.AuditAsync(host);
        using var requests = ComputeHosts.CountRequests(host);
        var (_, steadyError) = await ComputeHosts.AuditAsync(host);

        resumedError.Should().BeNull();
        steadyError.Should().BeNull();
        requests.Total().Should().Be(0);
        var providers = await client.GetResourceProvidersAsync(first.HypervisorHostname);
        providers.Should().ContainSingle("nothing is created twice").Which.Uuid.Should().Be(first.Uuid);
        providers[0].Generation.Should().Be(generation + 1, "the changed reservation is written once");
        (await client.GetInventoriesAsync(first.Uuid)).Inventories["MEMORY_MB"].Reserved.Should().Be(1024);
    }
}
