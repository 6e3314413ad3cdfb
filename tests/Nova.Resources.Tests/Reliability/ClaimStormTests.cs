using System.Collections.Concurrent;
using Nova.Resources.Testing;
using Nova.Resources.Tests.Tracking;
using Nova.Resources.Tracking;
using Xunit.Abstractions;

namespace Nova.Resources.Tests.Reliability;

/// <summary>
/// 64 concurrent tasks claim, commit, abort and drop on one node while one of them audits each round and the periodic
/// audit runs every 5 ms of fake time. After every step the record is within the limits; after every round (all 64 tasks did one step) the record's
/// usage is exactly the reservations plus the live claims: no claim lost or counted twice.
/// </summary>
public sealed class ClaimStormTests(ITestOutputHelper output)
{
    private const int Tasks = 64;
    private const int Rounds = 250;
    private const int Seed = 1_234;
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    public async Task Storm_ClaimsAndPeriodicAudits_UsageIsExactlyReservationsPlusLiveClaims(double saveFailureRate)
    {
        // Room for about 60 average claims: the 64 tasks fill the node, so both grants and refusals are common.
        using var h = TrackerHarness.ForReliability(vcpus: 160, memoryMb: (64 * 1024) + 512, localGb: 640);
        await h.Service.StartAsync(CancellationToken.None);
        var baseline = h.Tracker.ComputeNode!;
        baseline.VcpusUsed.Should().Be(0);
        baseline.MemoryMbUsed.Should().Be(512, "reserved_host_memory_mb");
        h.Store.SaveFailureRate = saveFailureRate;

        var live = new ConcurrentDictionary<string, InstanceRequest>(StringComparer.Ordinal);
        var violations = new ConcurrentQueue<string>();
        int granted = 0, refused = 0, storeFailures = 0, aborted = 0, dropped = 0, committed = 0, abortsNotSaved = 0;
        int roundsChecked = 0;
        int stormAudits = 0;

        void CheckLimits(string when)
        {
            var node = h.Tracker.ComputeNode!;
            if (node.VcpusUsed > node.Vcpus || node.MemoryMbUsed > node.MemoryMb || node.LocalGbUsed > node.LocalGb
                || node.VcpusUsed < 0 || node.MemoryMbUsed < baseline.MemoryMbUsed || node.LocalGbUsed < 0)
            {
                violations.Enqueue($"{when}: out of limits: vcpus {node.VcpusUsed}/{node.Vcpus}, memory {node.MemoryMbUsed}/{node.MemoryMb}, disk {node.LocalGbUsed}/{node.LocalGb}");
            }
        }

        async Task CheckExact(string when)
        {
            // An abort whose save failed leaves its usage in the record until the next audit (documented): audit
            // first, so the check sees what every audit must give.
            if (Volatile.Read(ref abortsNotSaved) > 0)
            {
                await AuditUntilSaved(h);
                Interlocked.Exchange(ref abortsNotSaved, 0);
            }

            var node = h.Tracker.ComputeNode!;
            var claims = live.Values.ToList();
            long vcpus = claims.Sum(c => (long)c.Vcpus), memory = claims.Sum(c => c.MemoryMb), disk = claims.Sum(c => c.RootGb + c.EphemeralGb);
            if (node.VcpusUsed != vcpus || node.MemoryMbUsed != baseline.MemoryMbUsed + memory || node.LocalGbUsed != disk || node.RunningVms != claims.Count)
            {
                violations.Enqueue($"{when}: record vcpus {node.VcpusUsed} memory {node.MemoryMbUsed} disk {node.LocalGbUsed} vms {node.RunningVms}; "
                    + $"expected {vcpus} / {baseline.MemoryMbUsed + memory} / {disk} / {claims.Count}");
            }

            roundsChecked++;
        }

        var barrier = new AsyncBarrier(Tasks, CheckExact);
        using var stop = new CancellationTokenSource();

        // The clock: 5 ms of fake time per turn, so the periodic audit keeps running between the claims.
        var clock = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                h.Time.Advance(TimeSpan.FromMilliseconds(5));
                await Task.Delay(1);
            }
        });

        var workers = Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var random = new Random(Seed + t);
            var mine = new List<ResourceClaim>();
            for (int round = 0; round < Rounds; round++)
            {
                try
                {
                    await Step(round);
                }
                catch (Exception e)
                {
                    violations.Enqueue($"task {t} round {round}: unexpected {e}");
                }

                CheckLimits($"task {t} round {round}");
                await barrier.SignalAndWait();
            }

            return mine;

            async Task Step(int round)
            {
                if (t == round % Tasks)
                {
                    // One task per round audits amid the others' claims: a fixed number of audits during the storm,
                    // whatever the thread pool and the clock task do.
                    Interlocked.Increment(ref stormAudits);
                    try
                    {
                        await h.Tracker.UpdateAvailableResourceAsync();
                    }
                    catch (IOException)
                    {
                        Interlocked.Increment(ref storeFailures);
                    }

                    return;
                }

                if (mine.Count > 0 && random.Next(100) < 50)
                {
                    var claim = mine[random.Next(mine.Count)];
                    mine.Remove(claim);
                    if (claim.IsCommitted)
                    {
                        try
                        {
                            await h.Tracker.DropInstanceAsync(claim.Request.Uuid);
                            live.TryRemove(claim.Request.Uuid, out _);
                            Interlocked.Increment(ref dropped);
                        }
                        catch (IOException)
                        {
                            // The store failed: nothing changed, the instance is still tracked. Try again later.
                            Interlocked.Increment(ref storeFailures);
                            mine.Add(claim);
                        }
                    }
                    else
                    {
                        int failedBefore = h.Store.FaultsInjected;
                        live.TryRemove(claim.Request.Uuid, out _);
                        await claim.DisposeAsync();
                        Interlocked.Increment(ref aborted);
                        if (h.Store.FaultsInjected != failedBefore)
                        {
                            Interlocked.Increment(ref abortsNotSaved);
                        }
                    }
                }
                else
                {
                    var request = new InstanceRequest
                    {
                        Uuid = $"storm-{t}-{round}",
                        Vcpus = 1 + random.Next(4),
                        MemoryMb = 256 * (1 + random.Next(8)),
                        RootGb = 1 + random.Next(20),
                        VmState = "building",
                    };
                    try
                    {
                        var claim = await h.Tracker.ClaimAsync(request);
                        live[request.Uuid] = request;
                        Interlocked.Increment(ref granted);
                        if (random.Next(3) == 0)
                        {
                            claim.Commit();
                            Interlocked.Increment(ref committed);
                        }

                        mine.Add(claim);
                    }
                    catch (ComputeResourcesUnavailableException e) when (e.Reasons.Count > 0)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    catch (IOException)
                    {
                        Interlocked.Increment(ref storeFailures);
                    }
                }
            }
        })).ToArray();

        var leftovers = (await Task.WhenAll(workers).WaitAsync(Safety)).SelectMany(m => m).ToList();
        await stop.CancelAsync();
        await clock.WaitAsync(Safety);
        int audits = h.Driver.GetCallCount(FakeComputeDriverMethod.GetAvailableResource);

        // Give everything back; a final audit; the record is the baseline again, and the store holds exactly it.
        h.Store.SaveFailureRate = 0;
        foreach (var claim in leftovers)
        {
            if (claim.IsCommitted)
            {
                await h.Tracker.DropInstanceAsync(claim.Request.Uuid);
            }
            else
            {
                await claim.DisposeAsync();
            }

            live.TryRemove(claim.Request.Uuid, out _);
        }

        await h.Manager.UpdateAvailableResourceAsync();
        await h.Service.StopAsync(CancellationToken.None);

        output.WriteLine($"save failure rate {saveFailureRate}: {Tasks} tasks x {Rounds} rounds = {Tasks * Rounds} steps; granted {granted}, refused {refused}, "
            + $"committed {committed}, aborted {aborted}, dropped {dropped}, store failures seen {storeFailures} (faults injected {h.Store.FaultsInjected}), "
            + $"audits {audits} (of which in-storm by a task {stormAudits}, the rest periodic), exact checks {roundsChecked}");
        violations.Should().BeEmpty();
        roundsChecked.Should().Be(Rounds);
        live.Should().BeEmpty();
        granted.Should().BeGreaterThan(Tasks * Rounds / 8);
        refused.Should().BeGreaterThan(0, "the node must fill up, so that the limits are tested");
        stormAudits.Should().Be(Rounds, "one task audits in every round");
        audits.Should().BeGreaterThan(10, "audits must run during the storm");
        if (saveFailureRate > 0)
        {
            storeFailures.Should().BeGreaterThan(0);
        }

        var final = h.Tracker.ComputeNode!;
        final.Should().BeEquivalentTo(
            new { baseline.VcpusUsed, baseline.MemoryMbUsed, baseline.LocalGbUsed, baseline.FreeRamMb, baseline.FreeDiskGb, RunningVms = 0 },
            "everything was given back");
        (await h.Stored()).Should().Be(final, "the store holds exactly the tracker's record: nothing half-saved");
    }

    /// <summary>Audits until the store takes the record (the storm's random save failures may refuse a few).</summary>
    private static async Task AuditUntilSaved(TrackerHarness h)
    {
        double rate = h.Store.SaveFailureRate;
        h.Store.SaveFailureRate = 0;
        try
        {
            await h.Manager.UpdateAvailableResourceAsync();
        }
        finally
        {
            h.Store.SaveFailureRate = rate;
        }
    }

    /// <summary>A barrier for async participants: the last to arrive runs the check, then releases the round.</summary>
    private sealed class AsyncBarrier(int participants, Func<string, Task> check)
    {
        private readonly Lock _gate = new();
        private readonly int _participants = participants;
        private int _remaining = participants;
        private int _round;
        private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task SignalAndWait()
        {
            TaskCompletionSource released;
            bool last;
            int round;
            lock (_gate)
            {
                released = _released;
                round = _round;
                last = --_remaining == 0;
                if (last)
                {
                    _remaining = _participants;
                    _round++;
                    _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            if (last)
            {
                try
                {
                    await check($"after round {round}");
                }
                finally
                {
                    released.SetResult();
                }
            }

            await released.Task;
        }
    }
}
