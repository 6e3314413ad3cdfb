using Nova.Resources.Tracking;
using Npgsql;
using NpgsqlTypes;

namespace Nova.Resources.PostgreSql;

/// <summary>
/// <see cref="IInstanceLedger"/> on the table <c>nova_resources_instances</c>: one row per committed instance of a
/// host, keyed by (host, uuid), so that an agent restarted on the same host counts what it had committed.
/// </summary>
internal sealed class PostgreSqlInstanceLedger(PostgreSqlDatabase database) : IInstanceLedger
{
    private const string Columns = "uuid, vcpus, memory_mb, root_gb, ephemeral_gb, swap_mb, vm_state, task_state, os_type, project_id";

    private const string UpsertSql =
        $"INSERT INTO nova_resources_instances (host, node, {Columns}) "
        + "VALUES (@host, @node, @uuid, @vcpus, @memory_mb, @root_gb, @ephemeral_gb, @swap_mb, @vm_state, @task_state, @os_type, @project_id) "
        + "ON CONFLICT (host, uuid) DO UPDATE SET node = EXCLUDED.node, vcpus = EXCLUDED.vcpus, memory_mb = EXCLUDED.memory_mb, "
        + "root_gb = EXCLUDED.root_gb, ephemeral_gb = EXCLUDED.ephemeral_gb, swap_mb = EXCLUDED.swap_mb, vm_state = EXCLUDED.vm_state, "
        + "task_state = EXCLUDED.task_state, os_type = EXCLUDED.os_type, project_id = EXCLUDED.project_id";

    public ValueTask<IReadOnlyList<InstanceRequest>> GetInstancesAsync(string host, string nodeName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(nodeName);
        return database.RunAsync<IReadOnlyList<InstanceRequest>>($"Reading the committed instances of host {host} node {nodeName}", async (connection, cancellationToken) =>
        {
            var command = new NpgsqlCommand(
                $"SELECT {Columns} FROM nova_resources_instances WHERE host = @host AND node = @node ORDER BY uuid COLLATE \"C\"", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<string>("host", host));
                command.Parameters.Add(new NpgsqlParameter<string>("node", nodeName));
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var instances = new List<InstanceRequest>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        instances.Add(new InstanceRequest
                        {
                            Uuid = reader.GetString(0),
                            Vcpus = reader.GetInt32(1),
                            MemoryMb = reader.GetInt64(2),
                            RootGb = reader.GetInt64(3),
                            EphemeralGb = reader.GetInt64(4),
                            SwapMb = reader.GetInt64(5),
                            VmState = reader.IsDBNull(6) ? null : reader.GetString(6),
                            TaskState = reader.IsDBNull(7) ? null : reader.GetString(7),
                            OsType = reader.IsDBNull(8) ? null : reader.GetString(8),
                            ProjectId = reader.IsDBNull(9) ? null : reader.GetString(9),
                        });
                    }

                    return instances;
                }
            }
        }, cancellationToken);
    }

    public async ValueTask AddAsync(string host, string nodeName, InstanceRequest instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(nodeName);
        ArgumentNullException.ThrowIfNull(instance);
        await database.RunAsync($"Recording instance {instance.Uuid} as committed on host {host} node {nodeName}", async (connection, cancellationToken) =>
        {
            var command = new NpgsqlCommand(UpsertSql, connection);
            await using (command.ConfigureAwait(false))
            {
                var parameters = command.Parameters;
                parameters.Add(new NpgsqlParameter<string>("host", host));
                parameters.Add(new NpgsqlParameter<string>("node", nodeName));
                parameters.Add(new NpgsqlParameter<string>("uuid", instance.Uuid));
                parameters.Add(new NpgsqlParameter<int>("vcpus", instance.Vcpus));
                parameters.Add(new NpgsqlParameter<long>("memory_mb", instance.MemoryMb));
                parameters.Add(new NpgsqlParameter<long>("root_gb", instance.RootGb));
                parameters.Add(new NpgsqlParameter<long>("ephemeral_gb", instance.EphemeralGb));
                parameters.Add(new NpgsqlParameter<long>("swap_mb", instance.SwapMb));
                parameters.Add(Text("vm_state", instance.VmState));
                parameters.Add(Text("task_state", instance.TaskState));
                parameters.Add(Text("os_type", instance.OsType));
                parameters.Add(Text("project_id", instance.ProjectId));
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> RemoveAsync(string host, string instanceUuid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(instanceUuid);
        return database.RunAsync($"Forgetting instance {instanceUuid} of host {host}", async (connection, cancellationToken) =>
        {
            var command = new NpgsqlCommand("DELETE FROM nova_resources_instances WHERE host = @host AND uuid = @uuid", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<string>("host", host));
                command.Parameters.Add(new NpgsqlParameter<string>("uuid", instanceUuid));
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
            }
        }, cancellationToken);
    }

    private static NpgsqlParameter Text(string name, string? value)
        => new(name, NpgsqlDbType.Varchar) { Value = value ?? (object)DBNull.Value };
}
