using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Nova.Resources.PostgreSql.Tests.Fixtures;
using Nova.Resources.Tracking;

namespace Nova.Resources.PostgreSql.Tests;

[Collection(PostgresGroup.Name)]
public sealed class PostgreSqlComputeNodeStoreTests(PostgresServer server) : IAsyncLifetime
{
    private ServiceProvider _provider = null!;
    private string _connectionString = string.Empty;

    private IComputeNodeStore Store => _provider.GetRequiredService<IComputeNodeStore>();

    public async Task InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync(server.AdminConnectionString, nameof(PostgreSqlComputeNodeStoreTests));
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging());
        services.AddNovaResourcesPostgreSqlStore(_connectionString);
        _provider = services.BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task CreateAsync_EveryField_SurvivesRead()
    {
        var created = await Store.CreateAsync(Records.Full());

        var read = (await Store.GetByHostAsync("compute-1")).Should().ContainSingle().Subject;

        read.Should().Be(created);
        read.Revision.Should().Be(1);
        read.UpdatedAt.Should().Be(created.UpdatedAt);
        created.Id.Should().BePositive();
        created.Uuid.Should().Be(Records.Full().Uuid);
        read.Should().BeEquivalentTo(Records.Full() with { Id = created.Id, Revision = 1 });
    }

    [Fact]
    public async Task CreateAsync_OptionalFieldsEmpty_SurviveRead()
    {
        var created = await Store.CreateAsync(Records.Bare());

        var read = (await Store.GetByHostAsync("compute-2")).Should().ContainSingle().Subject;

        read.Should().Be(created);
        created.Uuid.Should().NotBe(Guid.Empty, "the store gives a record without one a uuid");
        read.HostIp.Should().BeNull();
        read.CpuInfo.Should().BeNull();
        read.NumaTopology.Should().BeNull();
        read.DiskAvailableLeast.Should().BeNull();
        read.UpdatedAt.Should().BeNull();
    }

    [Fact]
    public async Task CreateAsync_NullShapesAndIPv6_SurviveRead()
    {
        var node = Records.Full() with
        {
            HostIp = System.Net.IPAddress.Parse("2001:db8::17"),
            CpuInfo = new Compute.CpuInfo { Arch = "i686", Topology = new Compute.CpuTopology(Cells: 2, Sockets: null, Cores: null, Threads: null) },
            NumaTopology = new Compute.NumaTopology([]),
            Stats = new Dictionary<string, long> { ["num_proj_\u00e9\"\""] = -1 },
            DiskAvailableLeast = -5,
        };

        var created = await Store.CreateAsync(node);

        (await Store.ListAsync()).Should().ContainSingle().Which.Should().Be(created).And.BeEquivalentTo(node with { Id = created.Id, Revision = 1 });
    }

    [Fact]
    public async Task UpdateAsync_TwoWritersAtTheSameRevision_ExactlyOneWins()
    {
        var created = await Store.CreateAsync(Records.Full());

        var writers = Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                return await Store.UpdateAsync(created with { VcpusUsed = i });
            }
            catch (ComputeNodeConflictException)
            {
                return null;
            }
        })).ToList();
        var results = await Task.WhenAll(writers);

        var winner = results.Should().ContainSingle(r => r != null).Subject!;
        winner.Revision.Should().Be(2);
        (await Store.ListAsync()).Should().ContainSingle().Which.Should().Be(winner);
    }

    [Fact]
    public async Task CreateAsync_TimestampsFinerThanMicroseconds_ReturnsWhatAReadGives()
    {
        var created = await Store.CreateAsync(Records.Bare() with { CreatedAt = Records.Created.AddTicks(7) });

        (await Store.ListAsync()).Should().ContainSingle().Which.Should().Be(created);
    }

    [Fact]
    public async Task CreateAsync_Record_WritesNovasColumnsAsNovaDoes()
    {
        var created = await Store.CreateAsync(Records.Full());

        var row = (await Sql.RowsAsync(_connectionString, $"SELECT * FROM compute_nodes WHERE id = {created.Id}")).Single();

        row["uuid"].Should().Be("6f2b1c2e-4d4e-4a57-9a0c-2f1e3d4c5b6a");
        row["host"].Should().Be("compute-1");
        row["hypervisor_hostname"].Should().Be("node-1");
        row["free_ram_mb"].Should().Be(257_000L - 12_800L);
        row["free_disk_gb"].Should().Be(3_500L - 120L);
        row["deleted"].Should().Be(0);
        row["deleted_at"].Should().BeNull();
        row["mapped"].Should().Be(0);
        row["metrics"].Should().Be("[]");
        row["cpu_info"].Should().Be(Records.Full().CpuInfo!.ToNovaJson());
        row["supported_instances"].Should().Be("""[["x86_64", "kvm", "hvm"], ["i686", "qemu", "hvm"]]""");
        row["stats"].Should().Be("""{"io_workload": "1", "num_instances": "3", "num_os_type_linux": "3", "num_proj_abc": "3", "num_task_None": "2", "num_task_spawning": "1", "num_vm_active": "2", "num_vm_building": "1"}""");
        row["inventory"].Should().Be("""{"DISK_GB": {"total": 3500, "reserved": 0, "min_unit": 1, "max_unit": 3500, "step_size": 1, "allocation_ratio": 1.0}, "MEMORY_MB": {"total": 257000, "reserved": 512, "min_unit": 1, "max_unit": 257000, "step_size": 1, "allocation_ratio": 1.5}, "VCPU": {"total": 64, "reserved": 0, "min_unit": 1, "max_unit": 64, "step_size": 1, "allocation_ratio": 16.0}}""");
        ((string)row["numa_topology"]!).Should().StartWith("""{"nova_object.name": "NUMATopology", "nova_object.namespace": "nova", "nova_object.version": "1.2", "nova_object.data": {"cells": [{"nova_object.name": "NUMACell", "nova_object.namespace": "nova", "nova_object.version": "1.5", "nova_object.data": {"id": 0, "cpuset": [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23], "pcpuset": [8, 9, 10, 11, 12, 13, 14, 15], "memory": 128000,""");
        row["created_at"].Should().Be(Records.Created.UtcDateTime, "Nova keeps UTC without a time zone");
        row["revision"].Should().Be(1L);
    }

    [Fact]
    public async Task UpdateAsync_AtTheStoredRevision_ReplacesTheRecordAndReturnsTheNextRevision()
    {
        var created = await Store.CreateAsync(Records.Full());

        var updated = await Store.UpdateAsync(created with { VcpusUsed = 10, Uuid = Guid.NewGuid() });

        updated.Revision.Should().Be(2);
        updated.Uuid.Should().Be(created.Uuid, "a record keeps its uuid for its life");
        updated.VcpusUsed.Should().Be(10);
        (await Store.ListAsync()).Should().ContainSingle().Which.Should().Be(updated);
    }

    [Fact]
    public async Task UpdateAsync_StaleRevision_ThrowsConflictNamingTheNodeAndKeepsTheNewerRecord()
    {
        var created = await Store.CreateAsync(Records.Full());
        var newer = await Store.UpdateAsync(created with { VcpusUsed = 10 });

        var stale = async () => await Store.UpdateAsync(created with { VcpusUsed = 20 });

        var conflict = (await stale.Should().ThrowAsync<ComputeNodeConflictException>()).Which;
        conflict.Host.Should().Be("compute-1");
        conflict.NodeName.Should().Be("node-1");
        conflict.Message.Should().Be("Compute host compute-1 node node-1 was changed by another writer (revision 2, expected 1).");
        (await Store.ListAsync()).Should().ContainSingle().Which.Should().Be(newer);
    }

    [Fact]
    public async Task UpdateAsync_DeletedRecord_ThrowsConflict()
    {
        var created = await Store.CreateAsync(Records.Full());
        await Store.DeleteAsync(created);

        var update = async () => await Store.UpdateAsync(created with { VcpusUsed = 20 });

        (await update.Should().ThrowAsync<ComputeNodeConflictException>()).Which.Message
            .Should().Contain("could not be found").And.Contain($"Record id {created.Id} was deleted");
        (await Store.ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateAsync_SameHostAndNodeTwice_ThrowsConflict()
    {
        await Store.CreateAsync(Records.Full());

        var again = async () => await Store.CreateAsync(Records.Full() with { Uuid = Guid.NewGuid() });

        (await again.Should().ThrowAsync<ComputeNodeConflictException>()).Which.Message
            .Should().Be("Duplicate compute node record found for host compute-1 node node-1");
    }

    [Fact]
    public async Task CreateAsync_UuidOfAnotherRecord_ThrowsConflict()
    {
        await Store.CreateAsync(Records.Full());

        var again = async () => await Store.CreateAsync(Records.Full(node: "node-9"));

        (await again.Should().ThrowAsync<ComputeNodeConflictException>()).Which.Message.Should().Contain("is already used");
    }

    [Fact]
    public async Task DeleteAsync_Record_SoftDeletesAsNovaAndFreesTheName()
    {
        var created = await Store.CreateAsync(Records.Full());

        await Store.DeleteAsync(created);

        (await Store.GetByHostAsync("compute-1")).Should().BeEmpty();
        var row = (await Sql.RowsAsync(_connectionString, $"SELECT deleted, deleted_at FROM compute_nodes WHERE id = {created.Id}")).Single();
        row["deleted"].Should().Be((int)created.Id);
        row["deleted_at"].Should().NotBeNull();
        var again = await Store.CreateAsync(Records.Full() with { Uuid = Guid.NewGuid() });
        again.Id.Should().NotBe(created.Id);
    }

    [Fact]
    public async Task GetStatisticsAsync_Records_EqualsTheSumOfTheCurrentRecords()
    {
        var full = await Store.CreateAsync(Records.Full());
        var bare = await Store.CreateAsync(Records.Bare());
        var gone = await Store.CreateAsync(Records.Full("compute-3", "node-3") with { Uuid = Guid.NewGuid() });
        await Store.DeleteAsync(gone);

        var statistics = await Store.GetStatisticsAsync();

        statistics.Should().Be(ClusterStatistics.Sum([full, bare]));
        statistics.Count.Should().Be(2);
        statistics.DiskAvailableLeast.Should().Be(3_100, "an unknown disk_available_least counts 0");
    }

    [Fact]
    public async Task GetStatisticsAsync_NoRecords_IsEmpty()
    {
        (await Store.GetStatisticsAsync()).Should().Be(ClusterStatistics.Empty);
    }

    [Fact]
    public async Task ListAsync_UnreadableJsonColumn_LogsItAndReadsTheRest()
    {
        var created = await Store.CreateAsync(Records.Full());
        await Sql.ExecuteAsync(_connectionString, $"UPDATE compute_nodes SET numa_topology = '{{not json', stats = '[1]' WHERE id = {created.Id}");

        var read = (await Store.ListAsync()).Should().ContainSingle().Subject;

        read.NumaTopology.Should().BeNull();
        read.Stats.Should().BeEmpty();
        read.Vcpus.Should().Be(64);
        var logs = _provider.GetFakeLogCollector().GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message);
        logs.Should().Contain(m => m.Contains("numa_topology", StringComparison.Ordinal) && m.Contains("host compute-1 node node-1", StringComparison.Ordinal));
        logs.Should().Contain(m => m.Contains("stats", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAsync_NovasStatsWithTextValues_KeepsTheIntegers()
    {
        var created = await Store.CreateAsync(Records.Bare());
        await Sql.ExecuteAsync(_connectionString, $$"""UPDATE compute_nodes SET stats = '{"num_instances": "2", "failed_builds": 1, "uptime": " 12:00:00 up 3 days"}' WHERE id = {{created.Id}}""");

        var read = (await Store.ListAsync()).Should().ContainSingle().Subject;

        read.Stats.Should().BeEquivalentTo(new Dictionary<string, long> { ["num_instances"] = 2, ["failed_builds"] = 1 });
    }

    [Fact]
    public async Task GetByHostAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var read = async () => await Store.GetByHostAsync("compute-1", cancelled.Token);

        await read.Should().ThrowAsync<OperationCanceledException>();
    }
}
