namespace Nova.Resources.Compute;

/// <summary>One NUMA cell of a host's topology.</summary>
public sealed record NumaCell
{
    /// <summary>Gets the cell id.</summary>
    public required int Id { get; init; }

    /// <summary>Gets the CPUs of the cell usable by shared (floating) instances.</summary>
    public required CpuSet Cpus { get; init; }

    /// <summary>Gets the CPUs of the cell usable by dedicated (pinned) instances.</summary>
    public CpuSet PCpus { get; init; } = CpuSet.Empty;

    /// <summary>Gets the cell's memory in MiB.</summary>
    public required long MemoryMb { get; init; }

    /// <summary>Gets the thread-sibling groups of the cell.</summary>
    public IReadOnlyList<CpuSet> Siblings { get; init; } = [];

    /// <summary>Gets the memory page sizes of the cell.</summary>
    public IReadOnlyList<NumaPageSize> PageSizes { get; init; } = [];
}
