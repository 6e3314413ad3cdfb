using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class InMemoryInstanceLedgerTests
{
    private readonly InMemoryInstanceLedger _ledger = new();

    [Fact]
    public async Task AddAsync_SameUuidOnAnotherNode_MovesTheEntry()
    {
        await _ledger.AddAsync("h", "a", new InstanceRequest { Uuid = "i1", MemoryMb = 1 });
        await _ledger.AddAsync("h", "b", new InstanceRequest { Uuid = "i1", MemoryMb = 2 });
        await _ledger.AddAsync("other", "a", new InstanceRequest { Uuid = "i2" });

        (await _ledger.GetInstancesAsync("h", "a")).Should().BeEmpty();
        (await _ledger.GetInstancesAsync("h", "b")).Should().ContainSingle().Which.MemoryMb.Should().Be(2);
    }

    [Fact]
    public async Task RemoveAsync_ReportsWhetherTheHostHadTheInstance()
    {
        await _ledger.AddAsync("h", "a", new InstanceRequest { Uuid = "i1" });

        (await _ledger.RemoveAsync("other", "i1")).Should().BeFalse();
        (await _ledger.RemoveAsync("h", "i1")).Should().BeTrue();
        (await _ledger.RemoveAsync("h", "i1")).Should().BeFalse();
        (await _ledger.GetInstancesAsync("h", "a")).Should().BeEmpty();
    }
}
