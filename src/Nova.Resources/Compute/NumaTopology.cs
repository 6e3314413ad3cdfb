namespace Nova.Resources.Compute;

/// <summary>A host's NUMA topology: its cells.</summary>
/// <param name="Cells">The cells, in id order.</param>
public sealed record NumaTopology(IReadOnlyList<NumaCell> Cells);
