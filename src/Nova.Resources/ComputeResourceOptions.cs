namespace Nova.Resources;

/// <summary>
/// The options of a compute host's resource accounting, with Nova's names and defaults. Bind them from a
/// configuration section; they are validated when the host starts.
/// </summary>
public sealed class ComputeResourceOptions
{
    /// <summary>
    /// Gets or sets the name of this compute host (Nova's <c>host</c>); <see langword="null"/> means the
    /// machine's name.
    /// </summary>
    public string? Host { get; set; }

    /// <summary>
    /// Gets or sets this host's IP address (Nova's <c>my_ip</c>), stored as the compute node's <c>host_ip</c>;
    /// must parse as an IPv4 or IPv6 address when set. Unset, the node keeps the address its driver reports, and
    /// when the driver reports none, this host's IPv4 address as Nova's default finds it: the local address of the
    /// route to <c>192.0.2.0</c> (no packet is sent), or <c>127.0.0.1</c> without a route. It is looked up by the
    /// first audit that needs it, never at start-up, and kept.
    /// </summary>
    public string? MyIp { get; set; }

    /// <summary>
    /// Gets or sets the host CPUs instances may use (Nova's deprecated <c>vcpu_pin_set</c>), in Nova's pin-set
    /// grammar such as <c>4-31,^8</c>. Unset or empty means every host CPU.
    /// </summary>
    public string? VcpuPinSet { get; set; }

    /// <summary>Gets or sets the host CPUs for shared (floating) instances (Nova's <c>[compute] cpu_shared_set</c>).</summary>
    public string? CpuSharedSet { get; set; }

    /// <summary>Gets or sets the host CPUs for dedicated (pinned) instances (Nova's <c>[compute] cpu_dedicated_set</c>).</summary>
    public string? CpuDedicatedSet { get; set; }

    /// <summary>Gets or sets the memory in MiB kept for the host itself (<c>reserved_host_memory_mb</c>, default 512).</summary>
    [NovaMinimum("reserved_host_memory_mb", 0)]
    public int ReservedHostMemoryMb { get; set; } = 512;

    /// <summary>Gets or sets the disk in MiB kept for the host itself (<c>reserved_host_disk_mb</c>, default 0).</summary>
    [NovaMinimum("reserved_host_disk_mb", 0)]
    public int ReservedHostDiskMb { get; set; }

    /// <summary>Gets or sets the CPUs kept for the host itself (<c>reserved_host_cpus</c>, default 0).</summary>
    [NovaMinimum("reserved_host_cpus", 0)]
    public int ReservedHostCpus { get; set; }

    /// <summary>
    /// Gets or sets the virtual-to-physical CPU ratio (<c>cpu_allocation_ratio</c>); <see langword="null"/> or 0
    /// means <see cref="InitialCpuAllocationRatio"/>.
    /// </summary>
    [NovaMinimum("cpu_allocation_ratio", 0)]
    public double? CpuAllocationRatio { get; set; }

    /// <summary>
    /// Gets or sets the virtual-to-physical RAM ratio (<c>ram_allocation_ratio</c>); <see langword="null"/> or 0
    /// means <see cref="InitialRamAllocationRatio"/>.
    /// </summary>
    [NovaMinimum("ram_allocation_ratio", 0)]
    public double? RamAllocationRatio { get; set; }

    /// <summary>
    /// Gets or sets the virtual-to-physical disk ratio (<c>disk_allocation_ratio</c>); <see langword="null"/> or 0
    /// means <see cref="InitialDiskAllocationRatio"/>.
    /// </summary>
    [NovaMinimum("disk_allocation_ratio", 0)]
    public double? DiskAllocationRatio { get; set; }

    /// <summary>Gets or sets the CPU ratio used when none is set (<c>initial_cpu_allocation_ratio</c>, default 4.0).</summary>
    [NovaMinimum("initial_cpu_allocation_ratio", 0)]
    public double InitialCpuAllocationRatio { get; set; } = 4.0;

    /// <summary>Gets or sets the RAM ratio used when none is set (<c>initial_ram_allocation_ratio</c>, default 1.0).</summary>
    [NovaMinimum("initial_ram_allocation_ratio", 0)]
    public double InitialRamAllocationRatio { get; set; } = 1.0;

    /// <summary>Gets or sets the disk ratio used when none is set (<c>initial_disk_allocation_ratio</c>, default 1.0).</summary>
    [NovaMinimum("initial_disk_allocation_ratio", 0)]
    public double InitialDiskAllocationRatio { get; set; } = 1.0;

    /// <summary>
    /// Gets or sets how often the periodic audit runs (<c>update_resources_interval</c>): zero means every
    /// 60 seconds, a negative value disables the periodic audit. The start-up audit always runs.
    /// </summary>
    public TimeSpan UpdateResourcesInterval { get; set; }

    /// <summary>
    /// Gets or sets the longest time <see cref="Compute.HostState"/> serves a node's cached resources without
    /// reading the driver again; <see langword="null"/> (the default, Nova's behaviour) means the cache is
    /// refreshed only when asked to or when it is empty. Not a Nova option; must be positive when set.
    /// </summary>
    public TimeSpan? HostStatsMaxAge { get; set; }
}
