namespace Nova.Resources.Placement;

/// <summary>Placement's answer to <c>GET /allocation_candidates</c>.</summary>
/// <param name="AllocationRequests">The candidates, each a claim that would satisfy the request now.</param>
/// <param name="ProviderSummaries">Every provider the candidates name, by UUID.</param>
public sealed record AllocationCandidates(IReadOnlyList<AllocationRequest> AllocationRequests, IReadOnlyDictionary<Guid, ProviderSummary> ProviderSummaries);
