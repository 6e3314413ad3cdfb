namespace Nova.Resources.Compute;

/// <summary>A host's NUMA topology: its cells.</summary>
/// <remarks>An immutable value: the cells are copied, and two topologies are equal when their cells are, in order.</remarks>
/// <param name="Cells">The cells, in id order.</param>
public sealed record NumaTopology(IReadOnlyList<NumaCell> Cells)
{
    /// <summary>Gets the cells, in id order.</summary>
    /// <exception cref="ArgumentNullException">The value set is null.</exception>
    /// <exception cref="ArgumentException">The value set contains a null cell.</exception>
    public IReadOnlyList<NumaCell> Cells { get; init => field = ValueLists.Freeze(value, nameof(Cells)); } = ValueLists.Freeze(Cells, nameof(Cells));

    /// <inheritdoc/>
    public bool Equals(NumaTopology? other)
        => other is not null && ValueLists.ContentEquals(Cells, other.Cells);

    /// <inheritdoc/>
    public override int GetHashCode() => ValueLists.ContentHash(Cells);
}
