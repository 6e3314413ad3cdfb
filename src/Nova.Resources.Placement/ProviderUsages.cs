namespace Nova.Resources.Placement;

/// <summary>What is allocated on a provider (<c>GET /resource_providers/{uuid}/usages</c>).</summary>
/// <param name="ResourceProviderGeneration">The provider's generation when read.</param>
/// <param name="Usages">The amount allocated of each resource class of the provider's inventory (0 when nothing is).</param>
public sealed record ProviderUsages(long ResourceProviderGeneration, IReadOnlyDictionary<string, long> Usages);
