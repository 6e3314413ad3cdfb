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

        await update.Should().ThrowAsync<KeyNotFoundException>().WithMessage("Compute host h node a could not be found.");
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
