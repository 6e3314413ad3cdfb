using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nova.Resources.PostgreSql.Tests.Fixtures;
using Nova.Resources.Testing;

namespace Nova.Resources.PostgreSql.Tests;

/// <summary>AddPostgreSqlAuditRecords: each node's last audit in nova_resources_audits, beside its record.</summary>
[Collection(PostgresGroup.Name)]
public sealed class AuditRecordTests(PostgresServer server) : IAsyncLifetime
{
    private const string Node = FakeComputeDriver.DefaultNodeName;
    private string _database = string.Empty;

    public async Task InitializeAsync()
        => _database = await server.CreateDatabaseAsync(server.AdminConnectionString, nameof(AuditRecordTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task StartAsync_RecordAudits_WritesTheStartUpAuditsRow()
    {
        await using var agent = await Agent.StartAsync(_database, "audit-ok", recordAudits: true);

        var row = (await AuditRowsAsync("audit-ok")).Should().ContainSingle().Subject;
        row["hypervisor_hostname"].Should().Be(Node);
        row["succeeded"].Should().Be(true);
        row["error"].Should().BeNull();
        ((DateTime)row["finished_at"]!).Should().Be(agent.Tracker().LastAudit!.FinishedAt.UtcDateTime);
        row["duration_ms"].Should().Be(agent.Tracker().LastAudit!.Duration.TotalMilliseconds);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_DriverFails_RowSaysFailedWithTheMessage()
    {
        var clock = Agent.NewClock();
        await using var agent = await Agent.StartAsync(_database, "audit-failed", time: clock, recordAudits: true);
        clock.Advance(TimeSpan.FromSeconds(60));
        agent.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, new IOException("virConnectGetInfo: End of file while reading data"));

        await agent.AuditAsync();

        var row = (await AuditRowsAsync("audit-failed")).Should().ContainSingle().Subject;
        row["succeeded"].Should().Be(false);
        row["error"].Should().Be("virConnectGetInfo: End of file while reading data");
        row["finished_at"].Should().Be(new DateTime(2026, 12, 1, 12, 1, 0, DateTimeKind.Utc));
        agent.Tracker().ComputeNode.Should().NotBeNull("the last good record stays");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_HugeErrorWithNul_KeepsAThousandCharactersWithoutTheNul()
    {
        await using var agent = await Agent.StartAsync(_database, "audit-huge", recordAudits: true);
        agent.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, new InvalidOperationException("bad\0" + new string('x', 1_000_000)));

        await agent.AuditAsync();

        string error = (string)(await AuditRowsAsync("audit-huge")).Single()["error"]!;
        error.Should().HaveLength(1000).And.StartWith("bad\uFFFDxxx").And.EndWith("x\u2026");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NothingChangedAndRecordingAudits_WritesOnlyTheAuditRow()
    {
        var clock = Agent.NewClock();
        await using var agent = await Agent.StartAsync(_database, "audit-unchanged", time: clock, recordAudits: true);
        long revision = agent.Tracker().ComputeNode!.Revision;
        clock.Advance(TimeSpan.FromSeconds(60));
        agent.Logs.Clear();

        await agent.AuditAsync();

        Statements.Writes(agent.Logs).Should().ContainSingle().Which.Should().StartWith("INSERT INTO nova_resources_audits");
        (await agent.Store.GetByHostAsync("audit-unchanged")).Single().Revision.Should().Be(revision);
        (await AuditRowsAsync("audit-unchanged")).Single()["finished_at"].Should().Be(new DateTime(2026, 12, 1, 12, 1, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NotRecordingAudits_WritesNoAuditRow()
    {
        await using var agent = await Agent.StartAsync(_database, "audit-off");
        agent.Logs.Clear();

        await agent.AuditAsync();

        Statements.Writes(agent.Logs).Should().BeEmpty();
        (await AuditRowsAsync("audit-off")).Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_NodeVanished_DeletesItsAuditRowWithItsRecord()
    {
        var driver = new FakeComputeDriver();
        driver.SetNodes("node-1", "node-2");
        await using var agent = await Agent.StartAsync(_database, "audit-orphan", driver, recordAudits: true);
        (await AuditRowsAsync("audit-orphan")).Select(r => r["hypervisor_hostname"]).Should().Equal("node-1", "node-2");
        driver.SetNodes("node-1");

        await agent.AuditAsync();

        (await AuditRowsAsync("audit-orphan")).Select(r => r["hypervisor_hostname"]).Should().Equal("node-1");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_AuditTableUnwritable_LogsAndChangesNothingElseThenRecovers()
    {
        var clock = Agent.NewClock();
        await using var agent = await Agent.StartAsync(_database, "audit-broken", time: clock, recordAudits: true);
        var record = agent.Tracker().ComputeNode;
        await Sql.ExecuteAsync(_database, "ALTER TABLE nova_resources_audits RENAME TO nova_resources_audits_away");
        try
        {
            clock.Advance(TimeSpan.FromSeconds(60));
            agent.Logs.Clear();

            await agent.AuditAsync();

            agent.Tracker().LastAudit!.Succeeded.Should().BeTrue();
            agent.Tracker().LastAudit!.FinishedAt.Should().Be(clock.GetUtcNow());
            agent.Tracker().ComputeNode.Should().BeSameAs(record);
            var logged = agent.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 319).Subject;
            logged.Level.Should().Be(LogLevel.Error);
            logged.Exception.Should().BeOfType<PostgreSqlStoreException>()
                .Which.Message.Should().Contain("Recording the audit of host audit-broken node").And.Contain("42P01");
        }
        finally
        {
            await Sql.ExecuteAsync(_database, "ALTER TABLE nova_resources_audits_away RENAME TO nova_resources_audits");
        }

        clock.Advance(TimeSpan.FromSeconds(60));
        await agent.AuditAsync();

        (await AuditRowsAsync("audit-broken")).Single()["finished_at"].Should().Be(new DateTime(2026, 12, 1, 12, 2, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task StartAsync_DatabaseAtSchemaVersion1_AddsTheAuditTableAndKeepsTheRecords()
    {
        string database = await server.CreateDatabaseAsync(server.AdminConnectionString, "v1");
        await Sql.ExecuteAsync(database, SchemaMigrations.Steps[0]);
        await Sql.ExecuteAsync(database, $"CREATE TABLE {SchemaMigrations.VersionTable} (version integer PRIMARY KEY, applied_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'utc')); INSERT INTO {SchemaMigrations.VersionTable} (version) VALUES (1)");
        await Sql.ExecuteAsync(database, "INSERT INTO compute_nodes (host, hypervisor_hostname, uuid, vcpus, memory_mb, local_gb, vcpus_used, memory_mb_used, local_gb_used, hypervisor_version) VALUES ('old-host', 'old-node', '7d3a9f2e-0000-4000-8000-000000000001', 4, 8192, 100, 0, 512, 0, 1)");

        await using var agent = await Agent.StartAsync(database, "audit-migrated", recordAudits: true);

        (await Sql.ScalarAsync(database, $"SELECT string_agg(version::text, ',' ORDER BY version) FROM {SchemaMigrations.VersionTable}")).Should().Be("1,2");
        (await agent.Store.ListAsync()).Select(n => n.Host).Should().Equal("old-host", "audit-migrated");
        (await Sql.ScalarAsync(database, "SELECT count(*) FROM nova_resources_audits WHERE host = 'audit-migrated'")).Should().Be(1L);
    }

    [Fact]
    public void AddPostgreSqlAuditRecords_WithoutTheStore_SaysToAddTheStoreFirst()
    {
        var builder = new ServiceCollection().AddNovaResources(options => options.Host = "h");

        var act = () => builder.AddPostgreSqlAuditRecords();

        act.Should().Throw<InvalidOperationException>().WithMessage("*call AddPostgreSqlStore(...) on the builder first*");
    }

    private Task<List<Dictionary<string, object?>>> AuditRowsAsync(string host)
        => Sql.RowsAsync(_database, $"SELECT * FROM nova_resources_audits WHERE host = '{host}' ORDER BY hypervisor_hostname");
}
