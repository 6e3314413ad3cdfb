using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nova.Resources.Compute;
using Nova.Resources.Tracking;
using Npgsql;
using NpgsqlTypes;

namespace Nova.Resources.PostgreSql;

/// <summary>How a <see cref="ComputeNode"/> maps onto a row of <c>compute_nodes</c>.</summary>
internal static class ComputeNodeRow
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns =
        "id, uuid, revision, host, hypervisor_hostname, hypervisor_type, hypervisor_version, vcpus, vcpus_used, "
        + "memory_mb, memory_mb_used, local_gb, local_gb_used, running_vms, current_workload, cpu_allocation_ratio, "
        + "ram_allocation_ratio, disk_allocation_ratio, host_ip, cpu_info, disk_available_least, supported_instances, "
        + "numa_topology, stats, inventory, created_at, updated_at";

    /// <summary>The written columns but <c>id</c>, <c>uuid</c> and <c>revision</c>, as <c>column = @column</c>.</summary>
    public const string Assignments =
        "host = @host, hypervisor_hostname = @hypervisor_hostname, hypervisor_type = @hypervisor_type, "
        + "hypervisor_version = @hypervisor_version, vcpus = @vcpus, vcpus_used = @vcpus_used, memory_mb = @memory_mb, "
        + "memory_mb_used = @memory_mb_used, local_gb = @local_gb, local_gb_used = @local_gb_used, free_ram_mb = @free_ram_mb, "
        + "free_disk_gb = @free_disk_gb, running_vms = @running_vms, current_workload = @current_workload, "
        + "cpu_allocation_ratio = @cpu_allocation_ratio, ram_allocation_ratio = @ram_allocation_ratio, "
        + "disk_allocation_ratio = @disk_allocation_ratio, host_ip = @host_ip, cpu_info = @cpu_info, "
        + "disk_available_least = @disk_available_least, supported_instances = @supported_instances, "
        + "numa_topology = @numa_topology, stats = @stats, inventory = @inventory, metrics = @metrics, "
        + "created_at = @created_at, updated_at = @updated_at";

    /// <summary>The written columns but <c>id</c> and <c>revision</c>, for an insert.</summary>
    public const string InsertColumns =
        "uuid, host, hypervisor_hostname, hypervisor_type, hypervisor_version, vcpus, vcpus_used, memory_mb, memory_mb_used, "
        + "local_gb, local_gb_used, free_ram_mb, free_disk_gb, running_vms, current_workload, cpu_allocation_ratio, "
        + "ram_allocation_ratio, disk_allocation_ratio, host_ip, cpu_info, disk_available_least, supported_instances, "
        + "numa_topology, stats, inventory, metrics, created_at, updated_at";

    public const string InsertValues =
        "@uuid, @host, @hypervisor_hostname, @hypervisor_type, @hypervisor_version, @vcpus, @vcpus_used, @memory_mb, "
        + "@memory_mb_used, @local_gb, @local_gb_used, @free_ram_mb, @free_disk_gb, @running_vms, @current_workload, "
        + "@cpu_allocation_ratio, @ram_allocation_ratio, @disk_allocation_ratio, @host_ip, @cpu_info, @disk_available_least, "
        + "@supported_instances, @numa_topology, @stats, @inventory, @metrics, @created_at, @updated_at";

    /// <summary>
    /// The record as the database keeps it: timestamps in whole microseconds (PostgreSQL's precision), so that what a
    /// write returns equals what a later read gives.
    /// </summary>
    public static ComputeNode Normalize(ComputeNode node)
        => node with { CreatedAt = Microseconds(node.CreatedAt), UpdatedAt = node.UpdatedAt is { } updated ? Microseconds(updated) : null };

    public static void Bind(NpgsqlParameterCollection parameters, ComputeNode node)
    {
        parameters.Add(new NpgsqlParameter<string>("host", node.Host));
        parameters.Add(new NpgsqlParameter<string>("hypervisor_hostname", node.HypervisorHostname));
        parameters.Add(Nullable("hypervisor_type", NpgsqlDbType.Text, node.HypervisorType));
        parameters.Add(new NpgsqlParameter<long>("hypervisor_version", node.HypervisorVersion));
        parameters.Add(new NpgsqlParameter<int>("vcpus", node.Vcpus));
        parameters.Add(new NpgsqlParameter<int>("vcpus_used", node.VcpusUsed));
        parameters.Add(new NpgsqlParameter<long>("memory_mb", node.MemoryMb));
        parameters.Add(new NpgsqlParameter<long>("memory_mb_used", node.MemoryMbUsed));
        parameters.Add(new NpgsqlParameter<long>("local_gb", node.LocalGb));
        parameters.Add(new NpgsqlParameter<long>("local_gb_used", node.LocalGbUsed));
        parameters.Add(new NpgsqlParameter<long>("free_ram_mb", node.FreeRamMb));
        parameters.Add(new NpgsqlParameter<long>("free_disk_gb", node.FreeDiskGb));
        parameters.Add(new NpgsqlParameter<int>("running_vms", node.RunningVms));
        parameters.Add(new NpgsqlParameter<int>("current_workload", node.CurrentWorkload));
        parameters.Add(new NpgsqlParameter<double>("cpu_allocation_ratio", node.CpuAllocationRatio));
        parameters.Add(new NpgsqlParameter<double>("ram_allocation_ratio", node.RamAllocationRatio));
        parameters.Add(new NpgsqlParameter<double>("disk_allocation_ratio", node.DiskAllocationRatio));
        parameters.Add(Nullable("host_ip", NpgsqlDbType.Inet, node.HostIp));
        parameters.Add(Nullable("cpu_info", NpgsqlDbType.Text, node.CpuInfo?.ToNovaJson()));
        parameters.Add(Nullable("disk_available_least", NpgsqlDbType.Bigint, node.DiskAvailableLeast));
        parameters.Add(new NpgsqlParameter<string>("supported_instances", NovaColumnWriter.SupportedInstances(node.SupportedInstances)));
        parameters.Add(Nullable("numa_topology", NpgsqlDbType.Text, node.NumaTopology is { } numa ? NovaColumnWriter.NumaTopology(numa) : null));
        parameters.Add(new NpgsqlParameter<string>("stats", NovaColumnWriter.Stats(node.Stats)));
        parameters.Add(new NpgsqlParameter<string>("inventory", NovaColumnWriter.Inventory(node.Inventory)));

        // Nova's tracker writes the monitors' metrics; there are none here.
        parameters.Add(new NpgsqlParameter<string>("metrics", "[]"));
        parameters.Add(new NpgsqlParameter<DateTime>("created_at", NpgsqlDbType.Timestamp) { TypedValue = Naive(node.CreatedAt) });
        parameters.Add(Nullable("updated_at", NpgsqlDbType.Timestamp, node.UpdatedAt is { } updated ? Naive(updated) : null));
    }

    /// <summary>Reads a row selected with <see cref="Columns"/>. A JSON column that cannot be read is logged and left empty.</summary>
    public static ComputeNode Read(NpgsqlDataReader reader, ILogger logger)
    {
        long id = reader.GetInt32(0);
        string host = reader.GetString(3);
        string node = reader.GetString(4);
        return new ComputeNode
        {
            Id = id,
            Uuid = reader.IsDBNull(1) ? Guid.Empty : Guid.Parse(reader.GetString(1)),
            Revision = reader.GetInt64(2),
            Host = host,
            HypervisorHostname = node,
            HypervisorType = reader.IsDBNull(5) ? null : reader.GetString(5),
            HypervisorVersion = reader.GetInt64(6),
            Vcpus = reader.GetInt32(7),
            VcpusUsed = reader.GetInt32(8),
            MemoryMb = reader.GetInt64(9),
            MemoryMbUsed = reader.GetInt64(10),
            LocalGb = reader.GetInt64(11),
            LocalGbUsed = reader.GetInt64(12),
            RunningVms = reader.IsDBNull(13) ? 0 : reader.GetInt32(13),
            CurrentWorkload = reader.IsDBNull(14) ? 0 : reader.GetInt32(14),
            CpuAllocationRatio = reader.IsDBNull(15) ? 0 : reader.GetDouble(15),
            RamAllocationRatio = reader.IsDBNull(16) ? 0 : reader.GetDouble(16),
            DiskAllocationRatio = reader.IsDBNull(17) ? 0 : reader.GetDouble(17),
            HostIp = reader.IsDBNull(18) ? null : reader.GetFieldValue<IPAddress>(18),
            CpuInfo = Json(reader, 19, "cpu_info", CpuInfo.FromNovaJson, null),
            DiskAvailableLeast = reader.IsDBNull(20) ? null : reader.GetInt64(20),
            SupportedInstances = Json(reader, 21, "supported_instances", NovaColumnReader.SupportedInstances, []),
            NumaTopology = Json(reader, 22, "numa_topology", NovaColumnReader.NumaTopology, null),
            Stats = Json(reader, 23, "stats", NovaColumnReader.Stats, Empty<long>()),
            Inventory = Json(reader, 24, "inventory", NovaColumnReader.Inventory, Empty<InventoryRecord>()),
            CreatedAt = reader.IsDBNull(25) ? default : Utc(reader.GetDateTime(25)),
            UpdatedAt = reader.IsDBNull(26) ? null : Utc(reader.GetDateTime(26)),
        };

        T Json<T>(NpgsqlDataReader row, int ordinal, string column, Func<string, T> parse, T fallback)
        {
            if (row.IsDBNull(ordinal))
            {
                return fallback;
            }

            try
            {
                return parse(row.GetString(ordinal));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
            {
                Log.UnreadableColumn(logger, column, id, host, node, ex.Message);
                return fallback;
            }
        }
    }

    private static System.Collections.ObjectModel.ReadOnlyDictionary<string, T> Empty<T>() => System.Collections.ObjectModel.ReadOnlyDictionary<string, T>.Empty;

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value)
        => new(name, type) { Value = value ?? DBNull.Value };

    private static DateTimeOffset Microseconds(DateTimeOffset value)
        => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>Nova keeps UTC in <c>timestamp without time zone</c> columns.</summary>
    private static DateTime Naive(DateTimeOffset value) => DateTime.SpecifyKind(value.UtcDateTime, DateTimeKind.Unspecified);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
