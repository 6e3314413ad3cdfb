using System.Collections.Concurrent;
using Nova.Resources.Placement;

namespace Nova.Resources.Overview.Tests.Fleet;

/// <summary>
/// Concurrent schedulers as Nova's are: ask Placement for allocation candidates, pick one, claim it; a claim that lost a
/// race (409, capacity exceeded) is counted and the scheduler asks again. Each stops when no candidate is left.
/// </summary>
internal sealed class FleetScheduler(PlacementClient client, IReadOnlyDictionary<string, long> flavor)
{
    /// <summary>Far above any fleet here, so a scheduler that never sees the fleet full still stops by itself.</summary>
    private const int MaxAttemptsPerTask = 5_000;

    public ConcurrentBag<(Guid Consumer, Guid Provider)> Placed { get; } = [];

    public int LostRaces => _lostRaces;

    private int _lostRaces;

    public async Task RunAsync(int tasks, CancellationToken cancellationToken)
    {
        var schedulers = Enumerable.Range(0, tasks).Select(i => Task.Run(() => ScheduleUntilFullAsync(new Random(i), cancellationToken), cancellationToken));
        await Task.WhenAll(schedulers);
    }

    private async Task ScheduleUntilFullAsync(Random random, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < MaxAttemptsPerTask; attempt++)
        {
            var candidates = await client.GetAllocationCandidatesAsync(new AllocationCandidatesRequest { Resources = flavor, Limit = 50 }, cancellationToken);
            if (candidates.AllocationRequests.Count == 0)
            {
                return;
            }

            var pick = candidates.AllocationRequests[random.Next(candidates.AllocationRequests.Count)];
            var consumer = Guid.NewGuid();
            try
            {
                await client.ClaimAsync(consumer, pick, "fleet-project", "fleet-user", cancellationToken: cancellationToken);
                Placed.Add((consumer, pick.Allocations.Keys.Single()));
            }
            catch (PlacementCapacityExceededException)
            {
                Interlocked.Increment(ref _lostRaces);
            }
        }

        throw new InvalidOperationException($"A scheduler made {MaxAttemptsPerTask} attempts and still saw candidates.");
    }
}
