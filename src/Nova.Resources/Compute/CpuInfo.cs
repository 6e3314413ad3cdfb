namespace Nova.Resources.Compute;

/// <summary>The host CPU description Nova stores as the compute node's <c>cpu_info</c> JSON.</summary>
public sealed record CpuInfo
{
    /// <summary>Gets the host architecture, such as <c>x86_64</c>.</summary>
    public string? Arch { get; init; }

    /// <summary>Gets the CPU model, such as <c>Nehalem</c>; <see langword="null"/> when the hypervisor does not say.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the CPU vendor, such as <c>Intel</c>.</summary>
    public string? Vendor { get; init; }

    /// <summary>Gets the topology, when known.</summary>
    public CpuTopology? Topology { get; init; }

    /// <summary>Gets the CPU feature names.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];
}
