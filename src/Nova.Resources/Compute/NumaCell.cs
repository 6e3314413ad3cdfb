namespace Nova.Resources.Compute;

/// <summary>One NUMA cell of a host's topology.</summary>
/// <remarks>An immutable value: the lists are copied, and two cells are equal when every member is, lists in order.</remarks>
public sealed record NumaCell
{
    /// <summary>Gets the cell id.</summary>
    public required int Id { get; init; }

    /// <summary>Gets the CPUs of the cell usable by shared (floating) instances.</summary>
    public required CpuSet Cpus { get; init => field = value ?? throw new ArgumentNullException(nameof(Cpus)); }

    /// <summary>Gets the CPUs of the cell usable by dedicated (pinned) instances.</summary>
    public CpuSet PCpus { get; init => field = value ?? throw new ArgumentNullException(nameof(PCpus)); } = CpuSet.Empty;

    /// <summary>Gets the cell's memory in MiB.</summary>
    public required long MemoryMb { get; init; }

    /// <summary>Gets the thread-sibling groups of the cell.</summary>
    public IReadOnlyList<CpuSet> Siblings { get; init => field = ValueLists.Freeze(value, nameof(Siblings)); } = [];

    /// <summary>Gets the memory page sizes of the cell.</summary>
    public IReadOnlyList<NumaPageSize> PageSizes { get; init => field = ValueLists.Freeze(value, nameof(PageSizes)); } = [];

    /// <inheritdoc/>
    public bool Equals(NumaCell? other)
        => other is not null
            && Id == other.Id
            && Cpus == other.Cpus
            && PCpus == other.PCpus
            && MemoryMb == other.MemoryMb
            && ValueLists.ContentEquals(Siblings, other.Siblings)
            && ValueLists.ContentEquals(PageSizes, other.PageSizes);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(Id, Cpus, PCpus, MemoryMb, ValueLists.ContentHash(Siblings), ValueLists.ContentHash(PageSizes));
}
