using Microsoft.Extensions.Logging;
using Nova.Resources.PostgreSql.Tests.Fixtures;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.PostgreSql.Tests;

/// <summary>
/// The database crashes (<c>pg_ctl stop -m immediate</c>) under a running agent and comes back on the same port. These
/// tests always start a cluster of their own, since they stop it.
/// </summary>
public sealed class OutageTests : IAsyncLifetime
{
    private const string HostName = "compute-crash";
    private PostgresCluster _cluster = null!;
    private string _database = string.Empty;

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync();
        var server = new PostgresServer();
        _database = await server.CreateDatabaseAsync(_cluster.ConnectionString, nameof(OutageTests));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Audit_DatabaseCrashedThenBack_FailsClearlyKeepsTheLastGoodRecordAndRecoversWithoutARestart()
    {
        await using var agent = await Agent.StartAsync(_database, HostName);
        await ClaimAsync(agent, "before-crash", vcpus: 2);
        var lastGood = agent.Tracker().ComputeNode!;
        agent.Driver.SetResources(FakeComputeDriver.DefaultNodeName, FakeComputeDriver.CreateResources(FakeComputeDriver.DefaultNodeName) with { MemoryMb = 700_000 });

        await _cluster.KillAsync();

        var audit = () => agent.AuditAsync();
        var failure = (await audit.Should().ThrowAsync<PostgreSqlStoreException>()).Which;
        failure.Message.Should().Contain("failed on PostgreSQL (Host=127.0.0.1;Port=").And.Contain("from PostgreSql:ConnectionString");
        agent.Tracker().ComputeNode.Should().BeSameAs(lastGood);
        var claim = () => ClaimAsync(agent, "during-crash", vcpus: 3);
        await claim.Should().ThrowAsync<PostgreSqlStoreException>();
        agent.Tracker().ComputeNode.Should().BeSameAs(lastGood, "a refused claim changes nothing");

        await _cluster.RestartAsync();
        await agent.AuditAsync();

        var recovered = agent.Tracker().ComputeNode!;
        recovered.MemoryMb.Should().Be(700_000, "the first audit after the restart saves the new view");
        recovered.VcpusUsed.Should().Be(2, "the committed claim is kept and the refused one is not counted");
        recovered.Id.Should().Be(lastGood.Id);
        (await agent.Store.GetByHostAsync(HostName)).Should().ContainSingle().Which.Should().Be(recovered);
        await ClaimAsync(agent, "after-crash", vcpus: 4);
        (await agent.Store.GetByHostAsync(HostName)).Single().VcpusUsed.Should().Be(6);
        (await agent.Ledger.GetInstancesAsync(HostName, FakeComputeDriver.DefaultNodeName)).Select(i => i.Uuid)
            .Should().Equal("after-crash", "before-crash");
    }

    [Fact]
    public async Task Claims_DatabaseCrashesWhileClaiming_EveryGrantedClaimIsCountedAfterRecovery()
    {
        await using var agent = await Agent.StartAsync(_database, HostName + "-2");
        var granted = new List<string>();
        int refused = 0;

        // Claims back to back until the crash refuses three of them.
        var claims = Task.Run(async () =>
        {
            for (int i = 0; refused < 3 && i < 100_000; i++)
            {
                try
                {
                    await ClaimAsync(agent, $"storm-{i:00000}", vcpus: 1);
                    lock (granted)
                    {
                        granted.Add($"storm-{i:00000}");
                    }
                }
                catch (PostgreSqlStoreException)
                {
                    refused++;
                }
            }
        });
        while (!claims.IsCompleted && GrantedCount() < 5)
        {
            await Task.Yield();
        }

        await _cluster.KillAsync();
        await claims;
        refused.Should().Be(3, "the crash came in the middle of the claims");
        await _cluster.RestartAsync();
        agent.Logs.Clear();
        await agent.AuditAsync();

        // The manager logs a node's failed audit instead of throwing; the first one after the restart must succeed,
        // since a save refused in the crash may have committed all the same and the audit reads the record again.
        agent.Logs.GetSnapshot().Should().NotContain(r => r.Level >= LogLevel.Error, "the audit after the restart succeeds");
        var stored = (await agent.Store.GetByHostAsync(HostName + "-2")).Should().ContainSingle().Subject;
        var committed = await agent.Ledger.GetInstancesAsync(HostName + "-2", FakeComputeDriver.DefaultNodeName);
        committed.Select(i => i.Uuid).Should().Contain(granted, "nothing granted is lost");
        stored.VcpusUsed.Should().Be(committed.Count, "the record counts exactly the host's committed instances");
        stored.Should().Be(agent.Tracker().ComputeNode);

        int GrantedCount()
        {
            lock (granted)
            {
                return granted.Count;
            }
        }
    }

    private static async Task ClaimAsync(Agent agent, string uuid, int vcpus)
    {
        var claim = await agent.Tracker().ClaimAsync(new InstanceRequest { Uuid = uuid, Vcpus = vcpus, MemoryMb = 512, VmState = "active" });
        claim.Commit();
    }
}
