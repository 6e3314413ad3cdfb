namespace Nova.Resources.Placement;

/// <summary>
/// One way to satisfy a request: the amount of each resource class to allocate on each provider. Claim it with
/// <see cref="PlacementClient.ClaimAsync"/>.
/// </summary>
/// <param name="Allocations">The resources to allocate, by provider UUID, then by resource class.</param>
public sealed record AllocationRequest(IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, long>> Allocations);
