namespace Nova.Resources.Placement;

/// <summary>One resource class of a candidate provider, as Placement summarises it.</summary>
/// <param name="Capacity">What can be allocated in all: <c>(total - reserved) * allocation_ratio</c>.</param>
/// <param name="Used">What is allocated now.</param>
public sealed record ProviderCapacity(long Capacity, long Used);
