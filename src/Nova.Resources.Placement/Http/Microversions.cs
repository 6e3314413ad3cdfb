namespace Nova.Resources.Placement.Http;

/// <summary>
/// The microversion Nova's report client (<c>nova/scheduler/client/report.py</c>) sends with each call; null means no
/// header (1.0), as Nova sends none there either.
/// </summary>
internal static class Microversions
{
    /// <summary><c>GET /resource_providers?in_tree=</c>, <c>GET /resource_providers/{uuid}</c> (NESTED_PROVIDER_API_VERSION).</summary>
    public const string NestedProviders = "1.14";

    /// <summary><c>POST /resource_providers</c>, answering the new provider (POST_RPS_RETURNS_PAYLOAD_API_VERSION).</summary>
    public const string CreateProviderReturnsPayload = "1.20";

    /// <summary>Traits: <c>GET /traits</c>, <c>PUT /traits/{name}</c>, <c>GET/PUT /resource_providers/{uuid}/traits</c>.</summary>
    public const string Traits = "1.6";

    /// <summary><c>PUT /resource_providers/{uuid}/inventories</c>, reserved may equal total (ALLOW_RESERVED_EQUAL_TOTAL_INVENTORY_VERSION).</summary>
    public const string ReservedEqualTotal = "1.26";

    /// <summary><c>GET/PUT /allocations/{consumer}</c> with consumer generations (CONSUMER_GENERATION_VERSION).</summary>
    public const string ConsumerGeneration = "1.28";

    /// <summary><c>GET /allocation_candidates</c> and the claim of one of them (SAME_SUBTREE_VERSION).</summary>
    public const string AllocationCandidates = "1.36";

    /// <summary><c>GET /resource_providers/{uuid}/usages</c> (GET_USAGES_VERSION).</summary>
    public const string Usages = "1.9";
}
