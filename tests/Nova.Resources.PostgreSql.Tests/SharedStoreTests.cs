using Nova.Resources.Compute;
using Nova.Resources.PostgreSql.Tests.Fixtures;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.PostgreSql.Tests;

/// <summary>Compute hosts, each its own service provider as in production, sharing one database.</summary>
[Collection(PostgresGroup.Name)]
public sealed class SharedStoreTests(PostgresServer server) : IAsyncLifetime
{
    private string _database = string.Empty;

    public async Task InitializeAsync()
        => _database = await server.CreateDatabaseAsync(server.AdminConnectionString, nameof(SharedStoreTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task StartAsync_TwoHosts_ShareTheStore()
    {
        var small = new FakeComputeDriver();
        small.SetResources(FakeComputeDriver.DefaultNodeName, FakeComputeDriver.CreateResources(FakeComputeDriver.DefaultNodeName) with { Vcpus = 8, MemoryMb = 16_384 });
        await using var first = await Agent.StartAsync(_database, "compute-a");
        await using var second = await Agent.StartAsync(_database, "compute-b", small);

        var seenByFirst = await first.Store.ListAsync();
        var seenBySecond = await second.Store.ListAsync();

        seenByFirst.Should().Equal(first.Tracker().ComputeNode!, second.Tracker().ComputeNode!);
        seenBySecond.Should().Equal(seenByFirst);
        var statistics = await second.Store.GetStatisticsAsync();
        statistics.Should().Be(ClusterStatistics.Sum(seenByFirst));
        statistics.Vcpus.Should().Be(1008);
        statistics.MemoryMb.Should().Be(800_000 + 16_384);
        statistics.MemoryMbUsed.Should().Be(1024, "each host reserves 512 MiB");
        (await first.Store.GetByHostAsync("compute-b")).Should().ContainSingle().Which.Vcpus.Should().Be(8);
    }

    [Fact]
    public async Task StartAsync_AgentRestarted_KeepsTheRecordsIdAndUuid()
    {
        ComputeNode before;
        await using (var agent = await Agent.StartAsync(_database, "compute-r"))
        {
            before = agent.Tracker().ComputeNode!;
        }

        await using var restarted = await Agent.StartAsync(_database, "compute-r");

        var after = restarted.Tracker().ComputeNode!;
        after.Id.Should().Be(before.Id);
        after.Uuid.Should().Be(before.Uuid);
        after.CreatedAt.Should().Be(before.CreatedAt);
        (await Sql.ScalarAsync(_database, "SELECT count(*) FROM compute_nodes WHERE host = 'compute-r'")).Should().Be(1L);
    }

    [Fact]
    public async Task StartAsync_AgentRestarted_CountsTheInstancesItHadCommitted()
    {
        var instance = new InstanceRequest { Uuid = "0b5c7a3e-0000-4000-8000-000000000001", Vcpus = 4, MemoryMb = 8192, RootGb = 40, VmState = "active" };
        ComputeNode before;
        await using (var agent = await Agent.StartAsync(_database, "compute-l"))
        {
            var claim = await agent.Tracker().ClaimAsync(instance);
            claim.Commit();
            before = agent.Tracker().ComputeNode!;
        }

        await using var restarted = await Agent.StartAsync(_database, "compute-l");

        (await restarted.Ledger.GetInstancesAsync("compute-l", FakeComputeDriver.DefaultNodeName)).Should().ContainSingle().Which.Should().Be(instance);
        var after = restarted.Tracker().ComputeNode!;
        after.VcpusUsed.Should().Be(4);
        after.MemoryMbUsed.Should().Be(512 + 8192);
        after.LocalGbUsed.Should().Be(40);
        after.RunningVms.Should().Be(1);
        after.Should().Be(before, "the restarted agent counts exactly what it had");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NodeVanished_SoftDeletesItsRecordAsAnOrphan()
    {
        var driver = new FakeComputeDriver();
        driver.SetNodes("node-1", "node-2");
        await using var agent = await Agent.StartAsync(_database, "compute-o", driver);
        long vanishedId = agent.Tracker("node-2").ComputeNode!.Id;
        driver.SetNodes("node-1");

        await agent.AuditAsync();

        (await agent.Store.GetByHostAsync("compute-o")).Should().ContainSingle().Which.HypervisorHostname.Should().Be("node-1");
        (await agent.Store.ListAsync()).Should().NotContain(n => n.HypervisorHostname == "node-2");
        var row = (await Sql.RowsAsync(_database, $"SELECT deleted, deleted_at FROM compute_nodes WHERE id = {vanishedId}")).Single();
        row["deleted"].Should().Be((int)vanishedId);
        row["deleted_at"].Should().Be(new DateTime(2026, 12, 1, 12, 0, 0));
        agent.Logs.GetSnapshot().Should().Contain(r => r.Message.StartsWith($"Deleting orphan compute node {vanishedId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NothingChanged_WritesNothing()
    {
        await using var agent = await Agent.StartAsync(_database, "compute-u");
        long revision = agent.Tracker().ComputeNode!.Revision;
        agent.Logs.Clear();

        await agent.AuditAsync();

        Statements.Executed(agent.Logs).Should().NotBeEmpty();
        Statements.Writes(agent.Logs).Should().BeEmpty();
        (await agent.Store.GetByHostAsync("compute-u")).Single().Revision.Should().Be(revision);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_ResourcesChanged_WritesOneStatement()
    {
        await using var agent = await Agent.StartAsync(_database, "compute-c");
        agent.Driver.SetResources(FakeComputeDriver.DefaultNodeName, FakeComputeDriver.CreateResources(FakeComputeDriver.DefaultNodeName) with { MemoryMb = 700_000 });
        agent.Logs.Clear();

        await agent.AuditAsync();

        Statements.Writes(agent.Logs).Should().ContainSingle().Which.Should().StartWith("UPDATE compute_nodes SET");
        (await agent.Store.GetByHostAsync("compute-c")).Single().MemoryMb.Should().Be(700_000);
    }
}
