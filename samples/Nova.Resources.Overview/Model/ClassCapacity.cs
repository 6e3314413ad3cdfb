namespace Nova.Resources.Overview.Model;

/// <summary>
/// One resource class summed over compute-node inventories: what Placement schedules against, beside the raw totals
/// of the records.
/// </summary>
/// <param name="Total">The sum of the inventories' totals.</param>
/// <param name="Reserved">The sum of the amounts reserved for the hosts.</param>
/// <param name="Capacity">The sum of each node's <c>(total - reserved) * allocation_ratio</c>, rounded down per node as Placement does.</param>
/// <param name="Allocated">What Placement has allocated on these providers, or <see langword="null"/> without Placement.</param>
internal sealed record ClassCapacity(long Total, long Reserved, long Capacity, long? Allocated)
{
    /// <summary>Gets <see cref="Capacity"/> − <see cref="Allocated"/>, or <see langword="null"/> without Placement.</summary>
    public long? Available => Allocated is { } allocated ? Capacity - allocated : null;
}
