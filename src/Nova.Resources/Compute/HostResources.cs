using System.Net;

namespace Nova.Resources.Compute;

/// <summary>
/// A node's resources as the hypervisor reports them: Nova's resource dictionary, typed, in Nova's units
/// (counts, MiB, GiB).
/// </summary>
/// <remarks>
/// <para>
/// The values a tracker needs are nullable so that a driver that fails to report one is caught by
/// <see cref="Verify"/> with Nova's <c>Missing keys</c> message instead of silently counting zero.
/// </para>
/// <para>
/// An immutable value: the lists are copied when set, and two records are equal when every member is,
/// lists compared item by item in order.
/// </para>
/// </remarks>
public sealed record HostResources
{
    /// <summary>Gets the number of usable virtual CPUs (<c>vcpus</c>).</summary>
    public int? Vcpus { get; init; }

    /// <summary>Gets the total memory in MiB (<c>memory_mb</c>).</summary>
    public long? MemoryMb { get; init; }

    /// <summary>Gets the total local disk in GiB (<c>local_gb</c>).</summary>
    public long? LocalGb { get; init; }

    /// <summary>Gets the virtual CPUs in use (<c>vcpus_used</c>).</summary>
    public int? VcpusUsed { get; init; }

    /// <summary>Gets the memory in use in MiB (<c>memory_mb_used</c>).</summary>
    public long? MemoryMbUsed { get; init; }

    /// <summary>Gets the local disk in use in GiB (<c>local_gb_used</c>).</summary>
    public long? LocalGbUsed { get; init; }

    /// <summary>Gets the hypervisor type, such as <c>QEMU</c> (<c>hypervisor_type</c>).</summary>
    public string? HypervisorType { get; init; }

    /// <summary>Gets the hypervisor version as major * 1,000,000 + minor * 1,000 + micro (<c>hypervisor_version</c>).</summary>
    public long HypervisorVersion { get; init; }

    /// <summary>Gets the hypervisor's hostname (<c>hypervisor_hostname</c>).</summary>
    public string? HypervisorHostname { get; init; }

    /// <summary>Gets the host CPU description (<c>cpu_info</c>), when the hypervisor gives one.</summary>
    public CpuInfo? CpuInfo { get; init; }

    /// <summary>Gets the free disk in GiB after overcommitted guest disks grow (<c>disk_available_least</c>).</summary>
    public long? DiskAvailableLeast { get; init; }

    /// <summary>Gets the kinds of guest the hypervisor can run (<c>supported_instances</c>).</summary>
    /// <exception cref="ArgumentNullException">The value set is null.</exception>
    public IReadOnlyList<SupportedInstance> SupportedInstances { get; init => field = ValueLists.Freeze(value, nameof(SupportedInstances)); } = [];

    /// <summary>Gets the host NUMA topology (<c>numa_topology</c>), or <see langword="null"/> without NUMA.</summary>
    public NumaTopology? NumaTopology { get; init; }

    /// <summary>Gets the PCI devices available for passthrough (<c>pci_passthrough_devices</c>).</summary>
    /// <exception cref="ArgumentNullException">The value set is null.</exception>
    public IReadOnlyList<PciDevice> PciPassthroughDevices { get; init => field = ValueLists.Freeze(value, nameof(PciPassthroughDevices)); } = [];

    /// <summary>Gets the host's IP address (<c>host_ip</c>); the tracker stamps it from <see cref="ComputeResourceOptions.MyIp"/>.</summary>
    public IPAddress? HostIp { get; init; }

    /// <summary>
    /// Checks the record as Nova's <c>ResourceTracker._verify_resources</c> does, and also rejects impossible
    /// (negative) totals and usage.
    /// </summary>
    /// <remarks>
    /// Required: <c>vcpus</c>, <c>memory_mb</c>, <c>local_gb</c>, <c>vcpus_used</c>, <c>memory_mb_used</c>,
    /// <c>local_gb_used</c>. <c>cpu_info</c> and <c>numa_topology</c> may be <see langword="null"/>: Nova
    /// defaults them to <c>''</c> and <c>None</c>.
    /// </remarks>
    /// <exception cref="InvalidHostResourcesException">
    /// A required value is missing or a value is negative. The message lists every offending key, for example
    /// <c>Invalid input received: Missing keys: ['vcpus', 'memory_mb']</c>.
    /// </exception>
    public void Verify() => HostResourcesVerifier.Verify(this);

    /// <inheritdoc/>
    public bool Equals(HostResources? other)
        => other is not null
            && Vcpus == other.Vcpus
            && MemoryMb == other.MemoryMb
            && LocalGb == other.LocalGb
            && VcpusUsed == other.VcpusUsed
            && MemoryMbUsed == other.MemoryMbUsed
            && LocalGbUsed == other.LocalGbUsed
            && string.Equals(HypervisorType, other.HypervisorType, StringComparison.Ordinal)
            && HypervisorVersion == other.HypervisorVersion
            && string.Equals(HypervisorHostname, other.HypervisorHostname, StringComparison.Ordinal)
            && CpuInfo == other.CpuInfo
            && DiskAvailableLeast == other.DiskAvailableLeast
            && ValueLists.ContentEquals(SupportedInstances, other.SupportedInstances)
            && NumaTopology == other.NumaTopology
            && ValueLists.ContentEquals(PciPassthroughDevices, other.PciPassthroughDevices)
            && Equals(HostIp, other.HostIp);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Vcpus);
        hash.Add(MemoryMb);
        hash.Add(LocalGb);
        hash.Add(VcpusUsed);
        hash.Add(MemoryMbUsed);
        hash.Add(LocalGbUsed);
        hash.Add(HypervisorType, StringComparer.Ordinal);
        hash.Add(HypervisorVersion);
        hash.Add(HypervisorHostname, StringComparer.Ordinal);
        hash.Add(CpuInfo);
        hash.Add(DiskAvailableLeast);
        hash.Add(ValueLists.ContentHash(SupportedInstances));
        hash.Add(NumaTopology);
        hash.Add(ValueLists.ContentHash(PciPassthroughDevices));
        hash.Add(HostIp);
        return hash.ToHashCode();
    }
}
