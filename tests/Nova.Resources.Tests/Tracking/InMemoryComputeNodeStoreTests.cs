using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class InMemoryComputeNodeStoreTests
{
    private readonly InMemoryComputeNodeStore _store = new();

    private static ComputeNode Node(string host, string node) => new() { Host = host, HypervisorHostname = node };

    [Fact]
    public async Task CreateAsync_NewRecords_GetIncreasingIds()
    {
        var a = await _store.CreateAsync(Node("h", "a"));
        var b = await _store.CreateAsync(Node("h", "b"));

        a.Id.Should().Be(1);
        b.Id.Should().Be(2);
    }

    [Fact]
    public async Task CreateAsync_SameHostAndNode_ThrowsNovasDuplicateMessage()
    {
        await _store.CreateAsync(Node("h", "a"));

        var again = async () => await _store.CreateAsync(Node("h", "a"));

        await again.Should().ThrowAsync<InvalidOperationException>().WithMessage("Duplicate compute node record found for host h node a");
    }

    [Fact]
    public async Task GetByHostAsync_ReturnsOnlyThatHostsRecordsInIdOrder()
    {
        await _store.CreateAsync(Node("h", "b"));
        await _store.CreateAsync(Node("other", "x"));
        await _store.CreateAsync(Node("h", "a"));

        var records = await _store.GetByHostAsync("h");

        records.Select(r => r.HypervisorHostname).Should().Equal("b", "a");
        (await _store.GetByHostAsync("nobody")).Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_ReplacesTheRecord()
    {
        var created = await _store.CreateAsync(Node("h", "a"));

        await _store.UpdateAsync(created with { MemoryMbUsed = 42 });

        (await _store.GetByHostAsync("h")).Single().MemoryMbUsed.Should().Be(42);
    }

    [Fact]
    public async Task UpdateAsync_NoSuchRecord_Throws()
    {
        var update = async () => await _store.UpdateAsync(Node("h", "a"));

        await update.Should().ThrowAsync<ComputeNodeConflictException>().WithMessage("Compute host h node a could not be found.*");
    }

    [Fact]
    public async Task UpdateAsync_StaleRevision_ThrowsAndKeepsTheOtherWritersRecord()
    {
        var created = await _store.CreateAsync(Node("h", "a"));
        var first = await _store.UpdateAsync(created with { MemoryMbUsed = 1 });

        var stale = async () => await _store.UpdateAsync(created with { MemoryMbUsed = 2 });

        (await stale.Should().ThrowAsync<ComputeNodeConflictException>()).Which.NodeName.Should().Be("a");
        first.Revision.Should().Be(created.Revision + 1);
        (await _store.GetByHostAsync("h")).Single().MemoryMbUsed.Should().Be(1);
    }

    [Fact]
    public async Task CreateAsync_GivesAUuidThatUpdatesKeep()
    {
        var created = await _store.CreateAsync(Node("h", "a"));
        var updated = await _store.UpdateAsync(created with { MemoryMbUsed = 1, Uuid = Guid.NewGuid() });

        created.Uuid.Should().NotBe(Guid.Empty);
        updated.Uuid.Should().Be(created.Uuid);
    }

    [Fact]
    public async Task ListAndStatistics_CoverEveryHost()
    {
        await _store.CreateAsync(Node("h", "a") with { Vcpus = 4, MemoryMb = 1000, MemoryMbUsed = 100, LocalGb = 10, DiskAvailableLeast = 5, RunningVms = 1 });
        await _store.CreateAsync(Node("g", "b") with { Vcpus = 8, MemoryMb = 2000, MemoryMbUsed = 300, LocalGb = 20, LocalGbUsed = 4, RunningVms = 2 });

        var all = await _store.ListAsync();
        var stats = await _store.GetStatisticsAsync();

        all.Select(r => r.HypervisorHostname).Should().Equal("a", "b");
        stats.Should().Be(new ClusterStatistics
        {
            Count = 2, Vcpus = 12, MemoryMb = 3000, MemoryMbUsed = 400, FreeRamMb = 2600, LocalGb = 30, LocalGbUsed = 4,
            FreeDiskGb = 26, DiskAvailableLeast = 5, RunningVms = 3,
        });
        (await new InMemoryComputeNodeStore().GetStatisticsAsync()).Should().Be(ClusterStatistics.Empty);
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheRecordAndIgnoresMissingOnes()
    {
        var created = await _store.CreateAsync(Node("h", "a"));

        await _store.DeleteAsync(created);
        await _store.DeleteAsync(created);

        (await _store.GetByHostAsync("h")).Should().BeEmpty();
    }

    [Fact]
    public async Task Calls_Cancelled_Throw()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var get = async () => await _store.GetByHostAsync("h", cts.Token);

        await get.Should().ThrowAsync<OperationCanceledException>();
    }
}
