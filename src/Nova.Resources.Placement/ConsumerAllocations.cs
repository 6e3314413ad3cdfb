namespace Nova.Resources.Placement;

/// <summary>A consumer's allocations (<c>GET /allocations/{consumer}</c>).</summary>
/// <param name="Allocations">What the consumer holds, by provider UUID, then by resource class; empty when nothing.</param>
/// <param name="ConsumerGeneration">The consumer's generation, to send with the next write; <see langword="null"/> for a consumer Placement does not know.</param>
/// <param name="ProjectId">The consumer's project, when it has allocations.</param>
/// <param name="UserId">The consumer's user, when it has allocations.</param>
public sealed record ConsumerAllocations(
    IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, long>> Allocations,
    long? ConsumerGeneration,
    string? ProjectId,
    string? UserId);
