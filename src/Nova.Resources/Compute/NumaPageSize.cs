namespace Nova.Resources.Compute;

/// <summary>One memory page size of a NUMA cell.</summary>
/// <param name="SizeKb">The page size in KiB.</param>
/// <param name="Total">The number of pages of this size.</param>
/// <param name="Used">The number of pages in use.</param>
public sealed record NumaPageSize(int SizeKb, long Total, long Used);
