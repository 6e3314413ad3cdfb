using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Placement.Tests.TestSupport;

namespace Nova.Resources.Placement.Tests.Scheduling;

/// <summary>The scheduler side against a real Placement (sqlite): candidates, claims, their conflicts, release, usages.</summary>
[Collection(PlacementCollection.Name)]
public sealed class PlacementClientTests(PlacementFixture placement)
{
    [Fact]
    public async Task GetAllocationCandidatesAsync_RequiredTraitAndLimit_GivesThoseProvidersWithCapacityAndUsage()
    {
        var (trait, nodes) = await Schedulers.ProvidersAsync(placement.Endpoint, count: 3, vcpus: 4, cpuRatio: 2.0);
        await using var scheduler = Schedulers.Create(placement.Endpoint);
        var client = scheduler.GetRequiredService<PlacementClient>();

        var all = await client.GetAllocationCandidatesAsync(new() { Resources = new Dictionary<string, long> { ["VCPU"] = 2, ["MEMORY_MB"] = 512 }, RequiredTraits = [trait] });
        var limited = await client.GetAllocationCandidatesAsync(new() { Resources = new Dictionary<string, long> { ["VCPU"] = 2 }, RequiredTraits = [trait], Limit = 2 });
        var none = await client.GetAllocationCandidatesAsync(new() { Resources = new Dictionary<string, long> { ["VCPU"] = 9 }, RequiredTraits = [trait] });

        all.AllocationRequests.Select(static r => r.Allocations.Keys.Single()).Should().BeEquivalentTo(nodes.Select(static n => n.Uuid));
        all.AllocationRequests[0].Allocations.Values.Single().Should().BeEquivalentTo(new Dictionary<string, long> { ["VCPU"] = 2, ["MEMORY_MB"] = 512 });
        var summary = all.ProviderSummaries[nodes[0].Uuid];
        summary.Resources["VCPU"].Should().Be(new ProviderCapacity(8, 0)); // (4 - 0) * 2.0
        summary.Traits.Should().Contain(["COMPUTE_NODE", trait]);
        limited.AllocationRequests.Should().HaveCount(2);
        none.AllocationRequests.Should().BeEmpty("8 VCPU fit on each provider at most");
    }

    [Fact]
    public async Task ClaimAsync_NewConsumer_HoldsItsResourcesUntilReleased()
    {
        var (_, nodes) = await Schedulers.ProvidersAsync(placement.Endpoint, count: 1, vcpus: 4);
        await using var scheduler = Schedulers.Create(placement.Endpoint);
        var client = scheduler.GetRequiredService<PlacementClient>();
        var consumer = Guid.NewGuid();

        await client.ClaimAsync(consumer, Schedulers.On(nodes[0].Uuid, "VCPU", 3), "project-a", "user-a");
        var held = await client.GetAllocationsAsync(consumer);
        var used = await client.GetUsagesAsync(nodes[0].Uuid);
        bool released = await client.ReleaseAsync(consumer);
        bool releasedAgain = await client.ReleaseAsync(consumer);

        held.Allocations.Should().ContainKey(nodes[0].Uuid).WhoseValue.Should().BeEquivalentTo(new Dictionary<string, long> { ["VCPU"] = 3 });
        held.ConsumerGeneration.Should().Be(1);
        held.ProjectId.Should().Be("project-a");
        held.UserId.Should().Be("user-a");
        used.Usages["VCPU"].Should().Be(3);
        released.Should().BeTrue();
        releasedAgain.Should().BeFalse();
        (await client.GetUsagesAsync(nodes[0].Uuid)).Usages["VCPU"].Should().Be(0);
        (await client.GetAllocationsAsync(consumer)).Allocations.Should().BeEmpty();
    }

    [Fact]
    public async Task ClaimAsync_MoreThanIsLeft_ThrowsCapacityExceededWithPlacementsAnswer()
    {
        var (_, nodes) = await Schedulers.ProvidersAsync(placement.Endpoint, count: 1, vcpus: 4);
        await using var scheduler = Schedulers.Create(placement.Endpoint);
        var client = scheduler.GetRequiredService<PlacementClient>();
        await client.ClaimAsync(Guid.NewGuid(), Schedulers.On(nodes[0].Uuid, "VCPU", 3), "p", "u");

        var act = () => client.ClaimAsync(Guid.NewGuid(), Schedulers.On(nodes[0].Uuid, "VCPU", 2), "p", "u");

        var thrown = (await act.Should().ThrowAsync<PlacementCapacityExceededException>()).Which;
        thrown.StatusCode.Should().Be(HttpStatusCode.Conflict);
        thrown.ErrorCode.Should().Be("placement.undefined_code");
        thrown.Detail.Should().Contain("The requested amount would exceed the capacity.").And.Contain(nodes[0].Uuid.ToString());
        thrown.RequestId.Should().StartWith("req-");
        thrown.Message.Should().Contain("PUT /allocations/").And.Contain("409");
        (await client.GetUsagesAsync(nodes[0].Uuid)).Usages["VCPU"].Should().Be(3);
    }

    [Fact]
    public async Task ClaimAsync_StaleConsumerGeneration_ThrowsConsumerConflict()
    {
        var (_, nodes) = await Schedulers.ProvidersAsync(placement.Endpoint, count: 1, vcpus: 4);
        await using var scheduler = Schedulers.Create(placement.Endpoint);
        var client = scheduler.GetRequiredService<PlacementClient>();
        var consumer = Guid.NewGuid();
        await client.ClaimAsync(consumer, Schedulers.On(nodes[0].Uuid, "VCPU", 1), "p", "u");

        var asNew = () => client.ClaimAsync(consumer, Schedulers.On(nodes[0].Uuid, "VCPU", 2), "p", "u", consumerGeneration: null);
        var thrown = (await asNew.Should().ThrowAsync<PlacementConsumerConflictException>()).Which;
        await client.ClaimAsync(consumer, Schedulers.On(nodes[0].Uuid, "VCPU", 2), "p", "u", consumerGeneration: 1);

        thrown.ErrorCode.Should().Be("placement.concurrent_update");
        thrown.Detail.Should().Contain("consumer generation conflict");
        (await client.GetAllocationsAsync(consumer)).ConsumerGeneration.Should().Be(2);
        (await client.GetUsagesAsync(nodes[0].Uuid)).Usages["VCPU"].Should().Be(2);
    }

    [Fact]
    public async Task GetAllocationCandidatesAsync_UnknownTrait_ThrowsPlacementsBadRequest()
    {
        await using var scheduler = Schedulers.Create(placement.Endpoint);
        var client = scheduler.GetRequiredService<PlacementClient>();

        var act = () => client.GetAllocationCandidatesAsync(new() { Resources = new Dictionary<string, long> { ["VCPU"] = 1 }, RequiredTraits = ["CUSTOM_NEVER_CREATED_ANYWHERE"] });

        var thrown = (await act.Should().ThrowAsync<PlacementException>()).Which;
        thrown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        thrown.Detail.Should().Contain("CUSTOM_NEVER_CREATED_ANYWHERE");
    }

    [Theory]
    [InlineData("VCPU", 0)]
    [InlineData("vcpu", 1)]
    [InlineData("", 1)]
    public async Task GetAllocationCandidatesAsync_BadResource_ThrowsBeforeSending(string resourceClass, long amount)
    {
        await using var scheduler = Schedulers.Create(new Uri("http://127.0.0.1:9/"));
        var client = scheduler.GetRequiredService<PlacementClient>();

        var act = () => client.GetAllocationCandidatesAsync(new() { Resources = new Dictionary<string, long> { [resourceClass] = amount } });

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task GetResourceProviderAsync_Unknown_ReturnsNull()
    {
        await using var scheduler = Schedulers.Create(placement.Endpoint);

        (await scheduler.GetRequiredService<PlacementClient>().GetResourceProviderAsync(Guid.NewGuid())).Should().BeNull();
    }
}
