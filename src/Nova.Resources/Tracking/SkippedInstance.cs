namespace Nova.Resources.Tracking;

/// <summary>A row of the instance source or the ledger an audit left out, and why.</summary>
/// <param name="Uuid">The instance's UUID, when the row has one.</param>
/// <param name="Origin">Where the row came from (<c>instance source</c> or <c>instance ledger</c>).</param>
/// <param name="Problem">What is wrong with it (<c>MemoryMb must not be negative: -700000</c>).</param>
internal sealed record SkippedInstance(string? Uuid, string Origin, string Problem);
