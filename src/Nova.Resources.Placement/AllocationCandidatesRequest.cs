namespace Nova.Resources.Placement;

/// <summary>What a scheduler asks Placement for (<c>GET /allocation_candidates</c>).</summary>
public sealed class AllocationCandidatesRequest
{
    /// <summary>Gets the amount of each resource class wanted, such as <c>VCPU</c> 2 and <c>MEMORY_MB</c> 2048. At least one, each positive.</summary>
    public required IReadOnlyDictionary<string, long> Resources { get; init; }

    /// <summary>Gets the traits a candidate provider must have, such as <c>HW_CPU_X86_AVX2</c>.</summary>
    public IReadOnlyList<string> RequiredTraits { get; init; } = [];

    /// <summary>Gets the most candidates to return; <see langword="null"/> for all of them.</summary>
    public int? Limit { get; init; }
}
