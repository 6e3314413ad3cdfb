using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nova.Resources.Tracking;
using Npgsql;
using NpgsqlTypes;

namespace Nova.Resources.PostgreSql;

/// <summary>
/// <see cref="IComputeNodeStore"/> on Nova's <c>compute_nodes</c> table: current records are the rows with
/// <c>deleted = 0</c>; a delete is Nova's soft delete; an update replaces the row only at the revision its writer read,
/// in one statement; the statistics are one SQL aggregate. A delete forgets the node's last audit too.
/// </summary>
internal sealed class PostgreSqlComputeNodeStore : IComputeNodeStore
{
    private const string Current = "deleted = 0";

    // Nova's compute_node_statistics: sums over the current records, NULL read as 0, and their count.
    private const string StatisticsSql =
        "SELECT count(*)::integer, coalesce(sum(vcpus), 0)::bigint, coalesce(sum(memory_mb), 0)::bigint, "
        + "coalesce(sum(local_gb), 0)::bigint, coalesce(sum(vcpus_used), 0)::bigint, coalesce(sum(memory_mb_used), 0)::bigint, "
        + "coalesce(sum(local_gb_used), 0)::bigint, coalesce(sum(free_ram_mb), 0)::bigint, coalesce(sum(free_disk_gb), 0)::bigint, "
        + "coalesce(sum(current_workload), 0)::bigint, coalesce(sum(running_vms), 0)::bigint, "
        + "coalesce(sum(disk_available_least), 0)::bigint FROM compute_nodes WHERE " + Current;

    private readonly PostgreSqlDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public PostgreSqlComputeNodeStore(PostgreSqlDatabase database, TimeProvider? timeProvider = null, ILogger<PostgreSqlComputeNodeStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public ValueTask<IReadOnlyList<ComputeNode>> GetByHostAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        return QueryAsync(
            $"Reading the compute node records of host {host}",
            $"SELECT {ComputeNodeRow.Columns} FROM compute_nodes WHERE host = @host AND {Current} ORDER BY id",
            host,
            cancellationToken);
    }

    public ValueTask<IReadOnlyList<ComputeNode>> ListAsync(CancellationToken cancellationToken = default)
        => QueryAsync(
            "Listing the compute node records",
            $"SELECT {ComputeNodeRow.Columns} FROM compute_nodes WHERE {Current} ORDER BY id",
            host: null,
            cancellationToken);

    public ValueTask<ClusterStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
        => _database.RunAsync("Reading the cluster statistics", static async (connection, cancellationToken) =>
        {
            var command = new NpgsqlCommand(StatisticsSql, connection);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    return new ClusterStatistics
                    {
                        Count = reader.GetInt32(0),
                        Vcpus = reader.GetInt64(1),
                        MemoryMb = reader.GetInt64(2),
                        LocalGb = reader.GetInt64(3),
                        VcpusUsed = reader.GetInt64(4),
                        MemoryMbUsed = reader.GetInt64(5),
                        LocalGbUsed = reader.GetInt64(6),
                        FreeRamMb = reader.GetInt64(7),
                        FreeDiskGb = reader.GetInt64(8),
                        CurrentWorkload = reader.GetInt64(9),
                        RunningVms = reader.GetInt64(10),
                        DiskAvailableLeast = reader.GetInt64(11),
                    };
                }
            }
        }, cancellationToken);

    public ValueTask<ComputeNode> CreateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var stored = ComputeNodeRow.Normalize(node with { Uuid = node.Uuid == Guid.Empty ? Guid.NewGuid() : node.Uuid, Revision = 1 });
        return _database.RunAsync($"Creating the compute node record of host {node.Host} node {node.HypervisorHostname}", async (connection, cancellationToken) =>
        {
            var command = new NpgsqlCommand(
                $"INSERT INTO compute_nodes ({ComputeNodeRow.InsertColumns}, revision) VALUES ({ComputeNodeRow.InsertValues}, 1) RETURNING id",
                connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<string>("uuid", stored.Uuid.ToString("D")));
                ComputeNodeRow.Bind(command.Parameters, stored);
                try
                {
                    int id = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                    return stored with { Id = id };
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    throw new ComputeNodeConflictException(node.Host, node.HypervisorHostname,
                        ex.ConstraintName == "compute_nodes_uuid_idx"
                            ? $"Compute node uuid {stored.Uuid} is already used by another record (host {node.Host} node {node.HypervisorHostname})."
                            : Duplicate(node));
                }
            }
        }, cancellationToken);
    }

    public ValueTask<ComputeNode> UpdateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var stored = ComputeNodeRow.Normalize(node);
        return _database.RunAsync($"Updating the compute node record of host {node.Host} node {node.HypervisorHostname}", async (connection, cancellationToken) =>
        {
            var command = new NpgsqlCommand(
                $"UPDATE compute_nodes SET {ComputeNodeRow.Assignments}, revision = revision + 1 "
                + $"WHERE id = @id AND revision = @revision AND {Current} RETURNING revision, uuid",
                connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<int>("id", checked((int)node.Id)));
                command.Parameters.Add(new NpgsqlParameter<long>("revision", node.Revision));
                ComputeNodeRow.Bind(command.Parameters, stored);
                try
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            return stored with { Revision = reader.GetInt64(0), Uuid = Guid.Parse(reader.GetString(1)) };
                        }
                    }
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    throw new ComputeNodeConflictException(node.Host, node.HypervisorHostname, Duplicate(node));
                }
            }

            throw await ConflictAsync(connection, node, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async ValueTask DeleteAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var deletedAt = DateTime.SpecifyKind(_timeProvider.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified);
        await _database.RunAsync($"Deleting the compute node record of host {node.Host} node {node.HypervisorHostname}", async (connection, cancellationToken) =>
        {
            // Nova's soft delete: the row stays, with deleted = its id, so that the name can be used again. The node's
            // last audit goes with it, unless a current record of the same name exists; one batch, one transaction.
            var batch = new NpgsqlBatch(connection);
            await using (batch.ConfigureAwait(false))
            {
                var delete = new NpgsqlBatchCommand($"UPDATE compute_nodes SET deleted = id, deleted_at = @deleted_at WHERE id = @id AND {Current}");
                delete.Parameters.Add(new NpgsqlParameter<int>("id", checked((int)node.Id)));
                delete.Parameters.Add(new NpgsqlParameter<DateTime>("deleted_at", NpgsqlDbType.Timestamp) { TypedValue = deletedAt });
                var forget = new NpgsqlBatchCommand(
                    "DELETE FROM nova_resources_audits WHERE host = @host AND hypervisor_hostname = @node AND NOT EXISTS "
                    + $"(SELECT 1 FROM compute_nodes WHERE host = @host AND hypervisor_hostname = @node AND {Current})");
                forget.Parameters.Add(new NpgsqlParameter<string>("host", node.Host));
                forget.Parameters.Add(new NpgsqlParameter<string>("node", node.HypervisorHostname));
                batch.BatchCommands.Add(delete);
                batch.BatchCommands.Add(forget);
                return await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string Duplicate(ComputeNode node)
        => $"Duplicate compute node record found for host {node.Host} node {node.HypervisorHostname}";

    /// <summary>Says why an update matched no row: the record was deleted, or changed by another writer.</summary>
    private static async Task<ComputeNodeConflictException> ConflictAsync(NpgsqlConnection connection, ComputeNode node, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand("SELECT revision, deleted FROM compute_nodes WHERE id = @id", connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<int>("id", checked((int)node.Id)));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.GetInt32(1) != 0)
                {
                    return new ComputeNodeConflictException(node.Host, node.HypervisorHostname,
                        $"Compute host {node.Host} node {node.HypervisorHostname} could not be found. Record id {node.Id} was deleted by another writer, or never stored.");
                }

                return new ComputeNodeConflictException(node.Host, node.HypervisorHostname,
                    $"Compute host {node.Host} node {node.HypervisorHostname} was changed by another writer (revision {reader.GetInt64(0)}, expected {node.Revision}).");
            }
        }
    }

    /// <summary>Reads records, of one host or (<paramref name="host"/> null) of all.</summary>
    private ValueTask<IReadOnlyList<ComputeNode>> QueryAsync(string operation, string sql, string? host, CancellationToken cancellationToken)
        => _database.RunAsync<IReadOnlyList<ComputeNode>>(operation, async (connection, cancellationToken) =>
        {
            var command = new NpgsqlCommand(sql, connection);
            await using (command.ConfigureAwait(false))
            {
                if (host is not null)
                {
                    command.Parameters.Add(new NpgsqlParameter<string>("host", host));
                }

                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var nodes = new List<ComputeNode>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        nodes.Add(ComputeNodeRow.Read(reader, _logger));
                    }

                    return nodes;
                }
            }
        }, cancellationToken);
}
