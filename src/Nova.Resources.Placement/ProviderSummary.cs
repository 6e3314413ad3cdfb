namespace Nova.Resources.Placement;

/// <summary>A candidate provider's summary in <see cref="AllocationCandidates"/>.</summary>
/// <param name="Resources">Capacity and usage of each resource class the provider has.</param>
/// <param name="Traits">The provider's traits.</param>
public sealed record ProviderSummary(IReadOnlyDictionary<string, ProviderCapacity> Resources, IReadOnlyList<string> Traits);
