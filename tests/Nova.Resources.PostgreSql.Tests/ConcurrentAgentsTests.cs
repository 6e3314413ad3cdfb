using Microsoft.Extensions.Logging;
using Nova.Resources.PostgreSql.Tests.Fixtures;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.PostgreSql.Tests;

/// <summary>Sixteen agents auditing and claiming at once against one database, two of them with the same host name.</summary>
[Collection(PostgresGroup.Name)]
public sealed class ConcurrentAgentsTests(PostgresServer server) : IAsyncLifetime
{
    private const string DuplicateHost = "agent-07";
    private const int Rounds = 4;
    private readonly List<Agent> _unique = [];
    private readonly Dictionary<Agent, string> _hosts = [];
    private Agent _duplicateA = null!;
    private Agent _duplicateB = null!;
    private string _database = string.Empty;

    public async Task InitializeAsync()
    {
        _database = await server.DatabaseForAsync(nameof(ConcurrentAgentsTests));
        for (int i = 1; i <= 15; i++)
        {
            _unique.Add(Agent.Create(_database, $"agent-{i:00}", Driver(vcpus: 8 * i, memoryMb: 16_384 * i)));
            _hosts[_unique[^1]] = $"agent-{i:00}";
        }

        _duplicateA = _unique[6];
        _duplicateB = Agent.Create(_database, DuplicateHost, Driver(vcpus: 999, memoryMb: 999_999));
        _hosts[_duplicateB] = DuplicateHost;
    }

    public async Task DisposeAsync()
    {
        foreach (var agent in _unique.Append(_duplicateB))
        {
            await agent.DisposeAsync();
        }
    }

    [Fact]
    public async Task Audits_SixteenAgentsOneDuplicated_NoLostUpdateAClearConflictAndExactStatistics()
    {
        var all = _unique.Append(_duplicateB).ToList();
        await Task.WhenAll(all.Select(agent => agent.Host.StartAsync()));

        for (int round = 0; round < Rounds; round++)
        {
            int r = round;
            await Task.WhenAll(all.Select(agent => RoundAsync(agent, r)));
        }

        // Every agent with a host name of its own: its record is stored exactly as it holds it, with every claim counted.
        foreach (var agent in _unique.Where(a => a != _duplicateA))
        {
            var stored = (await agent.Store.GetByHostAsync(HostOf(agent))).Should().ContainSingle().Subject;
            stored.Should().Be(agent.Tracker().ComputeNode);
            stored.Revision.Should().Be(agent.Tracker().ComputeNode!.Revision);
            stored.VcpusUsed.Should().Be(Rounds);
            stored.RunningVms.Should().Be(Rounds);
            agent.Logs.GetSnapshot().Should().NotContain(l => l.Level >= LogLevel.Error);
        }

        // The duplicated host name: one record, and the writer with a stale copy is refused, never overwriting. Alone
        // now, A's audit reads the record again after a conflict; then B saves; A's copy is then stale.
        for (int attempt = 0; attempt < 5 && (_duplicateA.Tracker().ComputeNode is null || attempt == 0); attempt++)
        {
            await _duplicateA.AuditAsync();
        }

        _duplicateA.Tracker().ComputeNode.Should().NotBeNull();
        await SucceedAsync(() => ClaimAsync(_duplicateB, "dup-b-last"), _duplicateB);
        var winner = (await _duplicateB.Store.GetByHostAsync(DuplicateHost)).Should().ContainSingle().Subject;

        var stale = async () => await ClaimAsync(_duplicateA, "dup-a-last");

        var conflict = (await stale.Should().ThrowAsync<ComputeNodeConflictException>()).Which;
        conflict.Host.Should().Be(DuplicateHost);
        conflict.NodeName.Should().Be(FakeComputeDriver.DefaultNodeName);
        conflict.Message.Should().StartWith($"Compute host {DuplicateHost} node {FakeComputeDriver.DefaultNodeName} was changed by another writer");
        (await _duplicateB.Store.GetByHostAsync(DuplicateHost)).Should().ContainSingle().Which.Should().Be(winner);

        // The cluster's totals: the SQL aggregate equals the sum of the records, one per host name.
        var records = await _duplicateB.Store.ListAsync();
        records.Should().HaveCount(15);
        var expected = ClusterStatistics.Sum(_unique.Where(a => a != _duplicateA).Select(a => a.Tracker().ComputeNode!).Append(winner));
        (await _unique[0].Store.GetStatisticsAsync()).Should().Be(expected).And.Be(ClusterStatistics.Sum(records));
    }

    private string HostOf(Agent agent) => _hosts[agent];

    private static FakeComputeDriver Driver(int vcpus, long memoryMb)
    {
        var driver = new FakeComputeDriver();
        driver.SetResources(FakeComputeDriver.DefaultNodeName,
            FakeComputeDriver.CreateResources(FakeComputeDriver.DefaultNodeName) with { Vcpus = vcpus, MemoryMb = memoryMb });
        return driver;
    }

    private static async Task ClaimAsync(Agent agent, string uuid)
    {
        var claim = await agent.Tracker().ClaimAsync(new InstanceRequest { Uuid = uuid, Vcpus = 1, MemoryMb = 256, RootGb = 1, VmState = "active" });
        claim.Commit();
    }

    /// <summary>Runs a write of a duplicated agent, auditing (which reads the record again) after each conflict.</summary>
    private static async Task SucceedAsync(Func<Task> write, Agent agent)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (Exception ex) when (ex is ComputeNodeConflictException or ComputeResourcesUnavailableException && attempt < 5)
            {
                await agent.AuditAsync();
            }
        }
    }

    private async Task RoundAsync(Agent agent, int round)
    {
        bool duplicated = agent == _duplicateA || agent == _duplicateB;
        string uuid = $"{HostOf(agent)}-{(agent == _duplicateB ? "b" : "a")}-{round}";
        var audit = agent.AuditAsync();
        var claim = ClaimAsync(agent, uuid);
        try
        {
            await Task.WhenAll(audit, claim);
        }
        catch (Exception ex) when (duplicated && ex is ComputeNodeConflictException or ComputeResourcesUnavailableException)
        {
            // Two agents with one host name overwrite each other's record; the store refuses the stale one (and the
            // one that lost the race to create the record has none until its next audit reads it).
        }
    }
}
