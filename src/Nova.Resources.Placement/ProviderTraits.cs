namespace Nova.Resources.Placement;

/// <summary>A provider's traits as Placement holds them (<c>GET /resource_providers/{uuid}/traits</c>).</summary>
/// <param name="ResourceProviderGeneration">The provider's generation when read.</param>
/// <param name="Traits">The trait names.</param>
public sealed record ProviderTraits(long ResourceProviderGeneration, IReadOnlyList<string> Traits);
