using System.Net;

namespace Nova.Resources.Compute;

/// <summary>
/// A node's resources as the hypervisor reports them: Nova's resource dictionary, typed, in Nova's units
/// (counts, MiB, GiB).
/// </summary>
/// <remarks>
/// The values a tracker needs are nullable so that a driver that fails to report one is caught by
/// verification with Nova's <c>Missing keys</c> message instead of silently counting zero.
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
    public IReadOnlyList<SupportedInstance> SupportedInstances { get; init; } = [];

    /// <summary>Gets the host NUMA topology (<c>numa_topology</c>), or <see langword="null"/> without NUMA.</summary>
    public NumaTopology? NumaTopology { get; init; }

    /// <summary>Gets the PCI devices available for passthrough (<c>pci_passthrough_devices</c>).</summary>
    public IReadOnlyList<PciDevice> PciPassthroughDevices { get; init; } = [];

    /// <summary>Gets the host's IP address (<c>host_ip</c>); the tracker stamps it from <see cref="ComputeResourceOptions.MyIp"/>.</summary>
    public IPAddress? HostIp { get; init; }
}
