namespace Nova.Resources.Tracking;

/// <summary>
/// One resource class of a node's Placement-style inventory, as Nova's driver <c>update_provider_tree</c>
/// reports it.
/// </summary>
/// <param name="Total">The amount the node has.</param>
/// <param name="Reserved">The amount kept for the host itself.</param>
/// <param name="MinUnit">The smallest amount one consumer may take (1).</param>
/// <param name="MaxUnit">The largest amount one consumer may take (the total).</param>
/// <param name="StepSize">The granularity of an amount (1).</param>
/// <param name="AllocationRatio">The overcommit ratio.</param>
public sealed record InventoryRecord(long Total, long Reserved, long MinUnit, long MaxUnit, long StepSize, double AllocationRatio);
