using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Placement.Tests.TestSupport;

namespace Nova.Resources.Placement.Tests.Scheduling;

/// <summary>
/// 32 scheduler tasks claiming at once against Placement on PostgreSQL, served by several API processes on one database:
/// Placement never allocates past capacity, and exactly the claims that fit succeed.
/// </summary>
[Collection(PostgresPlacementCollection.Name)]
public sealed class ConcurrentClaimTests(PostgresPlacementFixture placement)
{
    private const int Tasks = 32;

    [Fact]
    public async Task ClaimAsync_32TasksUntilFull_AllocateExactlyTheCapacityAndNoMore()
    {
        // 3 providers of 4 VCPU (ratio 1.0): 12 claims of 1 VCPU fit.
        var (trait, nodes) = await Schedulers.ProvidersAsync(placement.Endpoints[0], count: 3, vcpus: 4);
        var schedulers = placement.Endpoints.Select(Schedulers.Create).ToArray();
        var claimed = new ConcurrentBag<(Guid Consumer, Guid Provider)>();
        int refused = 0;
        var request = new AllocationCandidatesRequest { Resources = new Dictionary<string, long> { ["VCPU"] = 1, ["MEMORY_MB"] = 64 }, RequiredTraits = [trait] };
        using var start = new SemaphoreSlim(0);

        var workers = Enumerable.Range(0, Tasks).Select(i => Task.Run(async () =>
        {
            var client = schedulers[i % schedulers.Length].GetRequiredService<PlacementClient>();
            await start.WaitAsync();
            for (int round = 0; round < 100; round++)
            {
                var candidates = await client.GetAllocationCandidatesAsync(request);
                if (candidates.AllocationRequests.Count == 0)
                {
                    return;
                }

                var pick = candidates.AllocationRequests[(i + round) % candidates.AllocationRequests.Count];
                var consumer = Guid.NewGuid();
                try
                {
                    await client.ClaimAsync(consumer, pick, "project", "user");
                    claimed.Add((consumer, pick.Allocations.Keys.Single()));
                }
                catch (PlacementCapacityExceededException)
                {
                    Interlocked.Increment(ref refused);
                }
            }

            throw new InvalidOperationException("a scheduler task never saw the providers full");
        })).ToArray();
        start.Release(Tasks);
        await Task.WhenAll(workers);

        claimed.Should().HaveCount(12);
        claimed.GroupBy(static c => c.Provider).Should().HaveCount(3).And.OnlyContain(static g => g.Count() == 4);
        var client = schedulers[0].GetRequiredService<PlacementClient>();
        foreach (var node in nodes)
        {
            (await client.GetUsagesAsync(node.Uuid)).Usages["VCPU"].Should().Be(4);
        }

        foreach (var scheduler in schedulers)
        {
            await scheduler.DisposeAsync();
        }
    }

    [Fact]
    public async Task ClaimAsync_32TasksOnTheSameCandidateAtOnce_ExactlyTheFittingNumberSucceed()
    {
        // One provider of 10 VCPU; every task claims 3: three fit.
        var (_, nodes) = await Schedulers.ProvidersAsync(placement.Endpoints[0], count: 1, vcpus: 10);
        var schedulers = placement.Endpoints.Select(Schedulers.Create).ToArray();
        var claim = Schedulers.On(nodes[0].Uuid, "VCPU", 3);
        int succeeded = 0;
        int exceeded = 0;
        using var start = new SemaphoreSlim(0);

        var workers = Enumerable.Range(0, Tasks).Select(i => Task.Run(async () =>
        {
            var client = schedulers[i % schedulers.Length].GetRequiredService<PlacementClient>();
            var consumer = Guid.NewGuid();
            await start.WaitAsync();
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    await client.ClaimAsync(consumer, claim, "project", "user");
                    Interlocked.Increment(ref succeeded);
                    return;
                }
                catch (PlacementCapacityExceededException)
                {
                    Interlocked.Increment(ref exceeded);
                    return;
                }
                catch (PlacementException ex) when (ex.ErrorCode == "placement.concurrent_update" && attempt < 10)
                {
                    // Placement's own retries of a provider generation race ran out: Nova's scheduler claims again.
                }
            }
        })).ToArray();
        start.Release(Tasks);
        await Task.WhenAll(workers);

        succeeded.Should().Be(3);
        exceeded.Should().Be(Tasks - 3);
        (await schedulers[0].GetRequiredService<PlacementClient>().GetUsagesAsync(nodes[0].Uuid)).Usages["VCPU"].Should().Be(9);
        foreach (var scheduler in schedulers)
        {
            await scheduler.DisposeAsync();
        }
    }
}
