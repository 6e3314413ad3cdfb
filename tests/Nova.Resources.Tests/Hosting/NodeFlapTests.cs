using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tests.Tracking;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Hosting;

/// <summary>
/// A node the driver stops reporting for one audit and reports again: what the host committed stays committed, and the
/// tracker a caller held from before cannot write the store.
/// </summary>
public sealed class NodeFlapTests : IDisposable
{
    private const string Node = FakeComputeDriver.DefaultNodeName;
    private readonly TrackerHarness _h = new();
    private readonly ComputeResourceManager _manager;

    public NodeFlapTests()
    {
        _manager = new ComputeResourceManager(_h.Services, _h.Logger);
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task UpdateAvailableResourceAsync_NodeGoneForOneAudit_CountsTheCommittedInstanceAgainAndRefusesTheOverCommit()
    {
        await _manager.UpdateAvailableResourceAsync();
        var old = _manager.GetTracker(Node);
        var claim = await old.ClaimAsync(TrackerHarness.Instance("i-500", memoryMb: 500000, rootGb: 0));
        claim.Commit();

        await Flap();

        var current = _manager.GetTracker(Node);
        current.Should().NotBeSameAs(old);
        current.ComputeNode!.MemoryMbUsed.Should().Be(512 + 500000);
        var overCommit = async () => await current.ClaimAsync(TrackerHarness.Instance("i-700", memoryMb: 700000, rootGb: 0));
        (await overCommit.Should().ThrowAsync<ComputeResourcesUnavailableException>())
            .WithMessage("Insufficient compute resources: Free memory 299488.00 MB < requested 700000 MB.");
        (await _h.Store.GetByHostAsync(TrackerHarness.Host)).Should().ContainSingle().Which.MemoryMbUsed.Should().Be(512 + 500000);
    }

    [Fact]
    public async Task ReplacedTracker_EveryCall_ThrowsAndLeavesTheStoreAlone()
    {
        await _manager.UpdateAvailableResourceAsync();
        var old = _manager.GetTracker(Node);
        (await old.ClaimAsync(TrackerHarness.Instance("i-500", memoryMb: 500000, rootGb: 0))).Commit();
        await Flap();
        var stored = (await _h.Store.GetByHostAsync(TrackerHarness.Host)).Single();
        int updates = _h.Store.Updates;
        int creates = _h.Store.Creates;

        old.IsRetired.Should().BeTrue();
        _manager.GetTracker(Node).IsRetired.Should().BeFalse();
        const string Message = "The tracker of node fake-mini was replaced: the driver stopped reporting the node. Get the node's current tracker from ComputeResourceManager.GetTracker.";
        await FluentActions.Awaiting(async () => await old.ClaimAsync(TrackerHarness.Instance("i-2", memoryMb: 1024)))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage(Message);
        await FluentActions.Awaiting(() => old.DropInstanceAsync("i-500"))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage(Message);
        await FluentActions.Awaiting(() => old.UpdateAvailableResourceAsync())
            .Should().ThrowAsync<InvalidOperationException>().WithMessage(Message);

        _h.Store.Updates.Should().Be(updates);
        _h.Store.Creates.Should().Be(creates);
        (await _h.Store.GetByHostAsync(TrackerHarness.Host)).Single().Should().Be(stored);
        (await _h.Ledger.GetInstancesAsync(TrackerHarness.Host, Node)).Select(i => i.Uuid).Should().Equal("i-500");
    }

    [Fact]
    public async Task ReplacedTracker_UncommittedClaimDisposed_LeavesTheLedgerAndNotTheStore()
    {
        await _manager.UpdateAvailableResourceAsync();
        var claim = await _manager.GetTracker(Node).ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024));
        _h.Driver.SetNodes();
        await _manager.UpdateAvailableResourceAsync();
        int updates = _h.Store.Updates;

        await claim.DisposeAsync();

        _h.Store.Updates.Should().Be(updates);
        (await _h.Ledger.GetInstancesAsync(TrackerHarness.Host, Node)).Should().BeEmpty();
        _h.Driver.SetNodes(Node);
        await _manager.UpdateAvailableResourceAsync();
        _manager.GetTracker(Node).ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NodeBackAfterTheInstanceWasDropped_CountsNothing()
    {
        await _manager.UpdateAvailableResourceAsync();
        var tracker = _manager.GetTracker(Node);
        (await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 4096))).Commit();
        await tracker.DropInstanceAsync("i-1");

        await Flap();

        _manager.GetTracker(Node).ComputeNode!.MemoryMbUsed.Should().Be(512);
    }

    /// <summary>The driver leaves the node out of one audit, then reports it again.</summary>
    private async Task Flap()
    {
        _h.Driver.SetNodes();
        await _manager.UpdateAvailableResourceAsync();
        (await _h.Store.GetByHostAsync(TrackerHarness.Host)).Should().BeEmpty();
        _h.Driver.SetNodes(Node);
        await _manager.UpdateAvailableResourceAsync();
    }
}
