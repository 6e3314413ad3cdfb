using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.PostgreSql.Tests.Fixtures;
using Nova.Resources.Tracking;

namespace Nova.Resources.PostgreSql.Tests;

[Collection(PostgresGroup.Name)]
public sealed class PostgreSqlInstanceLedgerTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly InstanceRequest Full = new()
    {
        Uuid = "1d7f0c4e-0000-4000-8000-00000000000a",
        Vcpus = 2,
        MemoryMb = 4096,
        RootGb = 20,
        EphemeralGb = 5,
        SwapMb = 1024,
        VmState = "active",
        TaskState = "spawning",
        OsType = "linux",
        ProjectId = "p-1",
    };

    private string _database = string.Empty;

    public async Task InitializeAsync() => _database = await server.DatabaseForAsync(nameof(PostgreSqlInstanceLedgerTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AddAsync_Instance_SurvivesANewServiceProvider()
    {
        await using (var writer = Provider())
        {
            await Ledger(writer).AddAsync("ledger-1", "node-1", Full);
        }

        await using var reader = Provider();

        (await Ledger(reader).GetInstancesAsync("ledger-1", "node-1")).Should().ContainSingle().Which.Should().Be(Full);
    }

    [Fact]
    public async Task AddAsync_SameUuidOnAnotherNode_ReplacesTheEntryAndMovesIt()
    {
        await using var provider = Provider();
        var ledger = Ledger(provider);
        await ledger.AddAsync("ledger-2", "node-1", Full);

        await ledger.AddAsync("ledger-2", "node-2", Full with { Vcpus = 8, VmState = null });

        (await ledger.GetInstancesAsync("ledger-2", "node-1")).Should().BeEmpty();
        (await ledger.GetInstancesAsync("ledger-2", "node-2")).Should().ContainSingle().Which.Should().Be(Full with { Vcpus = 8, VmState = null });
    }

    [Fact]
    public async Task GetInstancesAsync_OtherHosts_AreNotSeen()
    {
        await using var provider = Provider();
        var ledger = Ledger(provider);
        await ledger.AddAsync("ledger-3", "node-1", Full);
        await ledger.AddAsync("ledger-4", "node-1", Full with { Uuid = "other" });

        (await ledger.GetInstancesAsync("ledger-3", "node-1")).Select(i => i.Uuid).Should().Equal(Full.Uuid);
    }

    [Fact]
    public async Task GetInstancesAsync_Several_AreInOrdinalUuidOrder()
    {
        await using var provider = Provider();
        var ledger = Ledger(provider);
        foreach (string uuid in new[] { "b", "a", "C", "_" })
        {
            await ledger.AddAsync("ledger-5", "node-1", Full with { Uuid = uuid });
        }

        (await ledger.GetInstancesAsync("ledger-5", "node-1")).Select(i => i.Uuid).Should().Equal("C", "_", "a", "b");
    }

    [Fact]
    public async Task RemoveAsync_KnownAndUnknown_SaysWhetherTheHostHadIt()
    {
        await using var provider = Provider();
        var ledger = Ledger(provider);
        await ledger.AddAsync("ledger-6", "node-1", Full);

        (await ledger.RemoveAsync("ledger-7", Full.Uuid)).Should().BeFalse("another host's entry is not this host's");
        (await ledger.RemoveAsync("ledger-6", Full.Uuid)).Should().BeTrue();
        (await ledger.RemoveAsync("ledger-6", Full.Uuid)).Should().BeFalse();
        (await ledger.GetInstancesAsync("ledger-6", "node-1")).Should().BeEmpty();
    }

    private static IInstanceLedger Ledger(ServiceProvider provider) => provider.GetRequiredService<IInstanceLedger>();

    private ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddNovaResourcesPostgreSqlStore(_database);
        return services.BuildServiceProvider();
    }
}
