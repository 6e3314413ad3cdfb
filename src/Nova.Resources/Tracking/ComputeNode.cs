using System.Collections.ObjectModel;
using System.Net;
using Nova.Resources.Compute;

namespace Nova.Resources.Tracking;

/// <summary>
/// A node's compute-node record (Nova's <c>ComputeNode</c>): what the hypervisor reports, what the tracked
/// instances and claims use, and the node's inventory. An immutable value: a tracker replaces it on every change.
/// </summary>
/// <remarks>
/// The lists and dictionaries are copied when set (unless already read-only wrappers). Two records are equal when every stored field but <see cref="UpdatedAt"/> and <see cref="Revision"/> is equal, lists and dictionaries compared by
/// content; that is how a tracker decides that a record changed and must be saved (Nova's <c>_resource_change</c>).
/// </remarks>
public sealed record ComputeNode
{
    /// <summary>Gets the record's id in the store (0 until stored).</summary>
    public long Id { get; init; }

    /// <summary>
    /// Gets the record's UUID (<c>uuid</c>): given when the record is created and kept for its life; it is also the
    /// node's resource provider UUID in Placement. <see cref="Guid.Empty"/> until stored.
    /// </summary>
    public Guid Uuid { get; init; }

    /// <summary>
    /// Gets the version of the stored record this value was read as or saved as (0 until stored). The store refuses an
    /// update whose revision is not the stored one, so a writer never overwrites another writer's change unseen. Not
    /// compared by <see cref="Equals(ComputeNode?)"/>.
    /// </summary>
    public long Revision { get; init; }

    /// <summary>Gets the compute host (<c>host</c>).</summary>
    public required string Host { get; init; }

    /// <summary>Gets the node's name (<c>hypervisor_hostname</c>).</summary>
    public required string HypervisorHostname { get; init; }

    /// <summary>Gets the hypervisor type (<c>hypervisor_type</c>).</summary>
    public string? HypervisorType { get; init; }

    /// <summary>Gets the hypervisor version (<c>hypervisor_version</c>).</summary>
    public long HypervisorVersion { get; init; }

    /// <summary>Gets the usable virtual CPUs (<c>vcpus</c>).</summary>
    public int Vcpus { get; init; }

    /// <summary>Gets the virtual CPUs reserved for the host and used by instances (<c>vcpus_used</c>).</summary>
    public int VcpusUsed { get; init; }

    /// <summary>Gets the memory in MiB (<c>memory_mb</c>).</summary>
    public long MemoryMb { get; init; }

    /// <summary>Gets the memory in MiB reserved for the host and used by instances (<c>memory_mb_used</c>).</summary>
    public long MemoryMbUsed { get; init; }

    /// <summary>Gets <see cref="MemoryMb"/> − <see cref="MemoryMbUsed"/>; may be negative (<c>free_ram_mb</c>).</summary>
    public long FreeRamMb => MemoryMb - MemoryMbUsed;

    /// <summary>Gets the local disk in GiB (<c>local_gb</c>).</summary>
    public long LocalGb { get; init; }

    /// <summary>Gets the local disk in GiB reserved for the host and used by instances (<c>local_gb_used</c>).</summary>
    public long LocalGbUsed { get; init; }

    /// <summary>Gets <see cref="LocalGb"/> − <see cref="LocalGbUsed"/>; may be negative (<c>free_disk_gb</c>).</summary>
    public long FreeDiskGb => LocalGb - LocalGbUsed;

    /// <summary>Gets the number of instances counted on the node (<c>running_vms</c>).</summary>
    public int RunningVms { get; init; }

    /// <summary>Gets the number of instances with a task in progress (<c>current_workload</c>).</summary>
    public int CurrentWorkload { get; init; }

    /// <summary>Gets the virtual-to-physical CPU ratio (<c>cpu_allocation_ratio</c>).</summary>
    public double CpuAllocationRatio { get; init; }

    /// <summary>Gets the virtual-to-physical RAM ratio (<c>ram_allocation_ratio</c>).</summary>
    public double RamAllocationRatio { get; init; }

    /// <summary>Gets the virtual-to-physical disk ratio (<c>disk_allocation_ratio</c>).</summary>
    public double DiskAllocationRatio { get; init; }

    /// <summary>
    /// Gets the host's IP address (<c>host_ip</c>): <see cref="ComputeResourceOptions.MyIp"/>, or when unset the
    /// driver's <see cref="HostResources.HostIp"/>, or the host's detected IPv4 address (Nova's default <c>my_ip</c>).
    /// </summary>
    public IPAddress? HostIp { get; init; }

    /// <summary>Gets the host CPU description (<c>cpu_info</c>).</summary>
    public CpuInfo? CpuInfo { get; init; }

    /// <summary>Gets the free disk in GiB after overcommitted guest disks grow (<c>disk_available_least</c>).</summary>
    public long? DiskAvailableLeast { get; init; }

    /// <summary>Gets the kinds of guest the hypervisor can run (<c>supported_hv_specs</c>).</summary>
    public IReadOnlyList<SupportedInstance> SupportedInstances { get; init => field = RecordEquality.Freeze(value, nameof(SupportedInstances)); } = [];

    /// <summary>Gets the host NUMA topology (<c>numa_topology</c>).</summary>
    public NumaTopology? NumaTopology { get; init; }

    /// <summary>
    /// Gets Nova's workload statistics (<c>stats</c>): <c>num_instances</c>, <c>num_vm_&lt;state&gt;</c>,
    /// <c>num_task_&lt;state&gt;</c>, <c>num_os_type_&lt;type&gt;</c>, <c>num_proj_&lt;id&gt;</c> and
    /// <c>io_workload</c>.
    /// </summary>
    public IReadOnlyDictionary<string, long> Stats { get; init => field = RecordEquality.Freeze(value, nameof(Stats)); } = ReadOnlyDictionary<string, long>.Empty;

    /// <summary>
    /// Gets the Placement-style inventory keyed by <see cref="ResourceClasses"/>: <c>VCPU</c>, <c>PCPU</c>,
    /// <c>MEMORY_MB</c> and <c>DISK_GB</c>, each present only when its total is positive.
    /// </summary>
    public IReadOnlyDictionary<string, InventoryRecord> Inventory { get; init => field = RecordEquality.Freeze(value, nameof(Inventory)); } = ReadOnlyDictionary<string, InventoryRecord>.Empty;

    /// <summary>Gets when the record was created (<c>created_at</c>).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the record was last saved after a change (<c>updated_at</c>), or <see langword="null"/>.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Compares every field but <see cref="UpdatedAt"/> and <see cref="Revision"/>, lists and dictionaries by content.</summary>
    /// <param name="other">The other record.</param>
    /// <returns><see langword="true"/> when the records are equal.</returns>
    public bool Equals(ComputeNode? other)
        => other is not null
            && (ReferenceEquals(this, other)
                || (Id == other.Id
                    && Uuid == other.Uuid
                    && string.Equals(Host, other.Host, StringComparison.Ordinal)
                    && string.Equals(HypervisorHostname, other.HypervisorHostname, StringComparison.Ordinal)
                    && string.Equals(HypervisorType, other.HypervisorType, StringComparison.Ordinal)
                    && HypervisorVersion == other.HypervisorVersion
                    && Vcpus == other.Vcpus
                    && VcpusUsed == other.VcpusUsed
                    && MemoryMb == other.MemoryMb
                    && MemoryMbUsed == other.MemoryMbUsed
                    && LocalGb == other.LocalGb
                    && LocalGbUsed == other.LocalGbUsed
                    && RunningVms == other.RunningVms
                    && CurrentWorkload == other.CurrentWorkload
                    && CpuAllocationRatio.Equals(other.CpuAllocationRatio)
                    && RamAllocationRatio.Equals(other.RamAllocationRatio)
                    && DiskAllocationRatio.Equals(other.DiskAllocationRatio)
                    && Equals(HostIp, other.HostIp)
                    && CpuInfo == other.CpuInfo
                    && DiskAvailableLeast == other.DiskAvailableLeast
                    && ValueLists.ContentEquals(SupportedInstances, other.SupportedInstances)
                    && NumaTopology == other.NumaTopology
                    && RecordEquality.DictionaryEquals(Stats, other.Stats)
                    && RecordEquality.DictionaryEquals(Inventory, other.Inventory)
                    && CreatedAt == other.CreatedAt));

    /// <summary>Returns a hash of the fields that identify the node and its totals and usage.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
        => HashCode.Combine(
            StringComparer.Ordinal.GetHashCode(Host),
            StringComparer.Ordinal.GetHashCode(HypervisorHostname),
            Vcpus,
            VcpusUsed,
            MemoryMb,
            MemoryMbUsed,
            LocalGb,
            LocalGbUsed);
}
