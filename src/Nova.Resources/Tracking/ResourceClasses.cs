namespace Nova.Resources.Tracking;

/// <summary>The Placement resource classes of <see cref="ComputeNode.Inventory"/>.</summary>
public static class ResourceClasses
{
    /// <summary>Shared (floating) virtual CPUs: <c>VCPU</c>.</summary>
    public const string Vcpu = "VCPU";

    /// <summary>Dedicated (pinned) host CPUs, from <see cref="ComputeResourceOptions.CpuDedicatedSet"/>: <c>PCPU</c>.</summary>
    public const string Pcpu = "PCPU";

    /// <summary>Memory in MiB: <c>MEMORY_MB</c>.</summary>
    public const string MemoryMb = "MEMORY_MB";

    /// <summary>Local disk in GiB: <c>DISK_GB</c>.</summary>
    public const string DiskGb = "DISK_GB";
}
