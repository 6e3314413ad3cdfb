using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>Giving claims back: dispose, commit, drop; and claims under load.</summary>
public sealed partial class ResourceClaimTests
{
    [Fact]
    public async Task DisposeAsync_NotCommitted_GivesTheUsageBackAndLogs()
    {
        var tracker = await _h.AuditedTracker();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", vcpus: 2, memoryMb: 1024, rootGb: 10));

        await claim.DisposeAsync();

        var node = tracker.ComputeNode!;
        node.VcpusUsed.Should().Be(0);
        node.MemoryMbUsed.Should().Be(512);
        node.LocalGbUsed.Should().Be(0);
        node.RunningVms.Should().Be(0);
        node.Stats["num_instances"].Should().Be(0);
        claim.IsCommitted.Should().BeFalse();
        _h.Messages.Should().Contain("Aborting claim: [Claim: 1024 MB memory, 10 GB disk]");
        (await _h.Store.GetByHostAsync("compute")).Single().MemoryMbUsed.Should().Be(512);

        await tracker.UpdateAvailableResourceAsync();
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task Dispose_NotCommitted_GivesTheUsageBackSynchronously()
    {
        var tracker = await _h.AuditedTracker();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024));

        claim.Dispose();
        claim.Dispose();

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task DisposeAsync_AfterAnException_AbortsLikeNovasContextManager()
    {
        var tracker = await _h.AuditedTracker();

        var build = async () =>
        {
            await using var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024));
            throw new InvalidOperationException("spawn failed");
        };

        await build.Should().ThrowAsync<InvalidOperationException>();
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task Commit_ThenDispose_KeepsTheUsageAcrossAudits()
    {
        var tracker = await _h.AuditedTracker();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", vcpus: 2, memoryMb: 1024));

        claim.Commit();
        await claim.DisposeAsync();
        await tracker.UpdateAvailableResourceAsync();

        claim.IsCommitted.Should().BeTrue();
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(1536);
        tracker.ComputeNode.VcpusUsed.Should().Be(2);
        tracker.ComputeNode.RunningVms.Should().Be(1);
    }

    [Fact]
    public async Task Commit_AfterDispose_ThrowsObjectDisposedException()
    {
        var tracker = await _h.AuditedTracker();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1"));
        await claim.DisposeAsync();

        var commit = claim.Commit;

        commit.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_PendingClaim_IsCountedUntilDisposed()
    {
        var tracker = await _h.AuditedTracker();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024));

        await tracker.UpdateAvailableResourceAsync();
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(1536);

        await claim.DisposeAsync();
        await tracker.UpdateAvailableResourceAsync();
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task DisposeAsync_SaveFails_LogsAndTheNextAuditStopsCounting()
    {
        var tracker = await _h.AuditedTracker();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024));
        _h.Store.FailNextUpdate(new IOException("database is down"));

        await claim.DisposeAsync();

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(1536);
        _h.Logger.Collector.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Error && r.Exception is IOException);
        await tracker.UpdateAvailableResourceAsync();
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task DropInstanceAsync_CommittedClaim_GivesTheUsageBackForGood()
    {
        var tracker = await _h.AuditedTracker();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", vcpus: 2, memoryMb: 1024, rootGb: 10));
        claim.Commit();

        await tracker.DropInstanceAsync("i-1");

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
        tracker.ComputeNode.VcpusUsed.Should().Be(0);
        tracker.ComputeNode.LocalGbUsed.Should().Be(0);
        await tracker.UpdateAvailableResourceAsync();
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
        await claim.DisposeAsync();
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task DropInstanceAsync_InstanceFromTheSource_KeepsNovasZeroStats()
    {
        var source = new TestInstanceSource();
        source.Set(Node,
            TrackerHarness.Instance("a") with { VmState = "active", TaskState = null, OsType = "linux", ProjectId = "p1" },
            TrackerHarness.Instance("b") with { VmState = "building", TaskState = "spawning", OsType = "linux", ProjectId = "p2" },
            TrackerHarness.Instance("c") with { VmState = "active", TaskState = "image_snapshot", OsType = "windows", ProjectId = "p1" });
        _h.InstanceSource = source;
        var tracker = await _h.AuditedTracker();

        await tracker.DropInstanceAsync("c");

        // The dictionary Nova's own Stats gives after removing instance c.
        tracker.ComputeNode!.Stats.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["num_instances"] = 2,
            ["num_vm_active"] = 1,
            ["num_vm_building"] = 1,
            ["num_task_None"] = 1,
            ["num_task_spawning"] = 1,
            ["num_task_image_snapshot"] = 0,
            ["num_os_type_linux"] = 2,
            ["num_os_type_windows"] = 0,
            ["num_proj_p1"] = 1,
            ["num_proj_p2"] = 1,
            ["io_workload"] = 1,
        });
        tracker.ComputeNode.CurrentWorkload.Should().Be(1);
        tracker.ComputeNode.RunningVms.Should().Be(2);
    }

    [Fact]
    public async Task DropInstanceAsync_UnknownInstance_DoesNothing()
    {
        var tracker = await _h.AuditedTracker();
        var before = tracker.ComputeNode;

        await tracker.DropInstanceAsync("nobody");

        tracker.ComputeNode.Should().BeSameAs(before);
        _h.Store.Updates.Should().Be(0);
    }

    [Fact]
    public async Task DropInstanceAsync_SaveFails_ChangesNothingAndCanBeRetried()
    {
        var tracker = await _h.AuditedTracker();
        var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024));
        claim.Commit();
        var before = tracker.ComputeNode;
        _h.Store.FailNextUpdate(new IOException("database is down"));

        var drop = () => tracker.DropInstanceAsync("i-1");

        await drop.Should().ThrowAsync<IOException>();
        tracker.ComputeNode.Should().BeSameAs(before);
        await tracker.UpdateAvailableResourceAsync();
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(1536);

        await tracker.DropInstanceAsync("i-1");
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task ClaimAsync_GrantedAndRefused_AreCounted()
    {
        using var granted = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.claims.granted");
        using var refused = new MetricCollector<long>(_h.Metrics.Meter, "nova.compute.claims.refused");
        _h.SetTotals(vcpus: 1, memoryMb: 2048, localGb: 10);
        var tracker = await _h.AuditedTracker();

        await using var ok = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024));
        ok.Commit();
        await FluentActions.Awaiting(async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-2", memoryMb: 1024)))
            .Should().ThrowAsync<ComputeResourcesUnavailableException>();

        granted.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["nova.node"].Should().Be(Node);
        refused.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["nova.node"].Should().Be(Node);
    }

    [Fact]
    public async Task ClaimAsync_32ThreadStorm_NeverOverCommits()
    {
        // 40 vCPUs at ratio 1 and 40 GiB of memory (plus the 512 MB reservation): room for exactly 40 one-vCPU claims.
        _h.SetTotals(vcpus: 40, memoryMb: (40 * 1024) + 512, localGb: 1000);
        _h.Options.CpuAllocationRatio = 1.0;
        var source = new TestInstanceSource();
        _h.InstanceSource = source;
        var tracker = await _h.AuditedTracker();
        const int Threads = 32;
        const int ClaimsPerThread = 8;
        using var start = new Barrier(Threads);
        int granted = 0;
        int refused = 0;
        var kept = new System.Collections.Concurrent.ConcurrentBag<ResourceClaim>();

        var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
            async () =>
            {
                start.SignalAndWait();
                for (int i = 0; i < ClaimsPerThread; i++)
                {
                    // Audits run in the middle of the storm too.
                    if (i == ClaimsPerThread / 2 && t % 8 == 0)
                    {
                        await tracker.UpdateAvailableResourceAsync();
                    }

                    try
                    {
                        var claim = await tracker.ClaimAsync(TrackerHarness.Instance($"i-{t}-{i}", vcpus: 1, memoryMb: 1024, rootGb: 1));
                        if (i % 3 == 0)
                        {
                            await claim.DisposeAsync(); // aborted: frees room for another
                        }
                        else
                        {
                            claim.Commit();
                            kept.Add(claim);
                        }

                        Interlocked.Increment(ref granted);
                    }
                    catch (ComputeResourcesUnavailableException)
                    {
                        Interlocked.Increment(ref refused);
                    }

                    var node = tracker.ComputeNode!;
                    node.VcpusUsed.Should().BeLessThanOrEqualTo(40);
                    node.MemoryMbUsed.Should().BeLessThanOrEqualTo((40 * 1024) + 512);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        await Task.WhenAll(workers);

        (granted + refused).Should().Be(Threads * ClaimsPerThread);
        kept.Count.Should().BeInRange(1, 40);
        tracker.ComputeNode!.VcpusUsed.Should().Be(kept.Count, "aborted claims gave everything back");
        tracker.ComputeNode.MemoryMbUsed.Should().Be((kept.Count * 1024) + 512);

        // Whatever the interleaving, the node takes exactly 40 claims in all.
        int more = 0;
        while (true)
        {
            try
            {
                (await tracker.ClaimAsync(TrackerHarness.Instance($"fill-{more}", vcpus: 1, memoryMb: 1024, rootGb: 1))).Commit();
                more++;
            }
            catch (ComputeResourcesUnavailableException)
            {
                break;
            }
        }

        (kept.Count + more).Should().Be(40);
        tracker.ComputeNode!.RunningVms.Should().Be(40);
        await tracker.UpdateAvailableResourceAsync();
        tracker.ComputeNode!.VcpusUsed.Should().Be(40);
        (await _h.Store.GetByHostAsync("compute")).Single().VcpusUsed.Should().Be(40);
    }
}
