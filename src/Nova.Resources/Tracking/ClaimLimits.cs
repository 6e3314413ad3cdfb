namespace Nova.Resources.Tracking;

/// <summary>
/// The limits a claim is tested against (Nova's scheduler <c>limits</c>: <c>memory_mb</c>, <c>disk_gb</c>,
/// <c>vcpu</c>). A limit left <see langword="null"/> is the node's total times its allocation ratio, the
/// default for every limit when no <see cref="ClaimLimits"/> is given. Use
/// <see cref="double.PositiveInfinity"/> for no limit.
/// </summary>
public sealed record ClaimLimits
{
    /// <summary>Gets the memory limit in MiB.</summary>
    public double? MemoryMb { get; init; }

    /// <summary>Gets the disk limit in GiB.</summary>
    public double? DiskGb { get; init; }

    /// <summary>Gets the virtual CPU limit.</summary>
    public double? Vcpus { get; init; }
}
