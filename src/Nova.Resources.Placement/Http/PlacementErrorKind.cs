namespace Nova.Resources.Placement.Http;

/// <summary>What an error answer of Placement means to a caller.</summary>
internal enum PlacementErrorKind
{
    /// <summary>Any other refusal.</summary>
    Other,

    /// <summary>A claim would exceed a provider's capacity.</summary>
    CapacityExceeded,

    /// <summary>The consumer's generation is not the one sent.</summary>
    ConsumerConflict,

    /// <summary>A provider's generation is not the one sent: read it again and redrive.</summary>
    ProviderConflict,

    /// <summary>An inventory change would remove a class that has allocations.</summary>
    InventoryInUse,

    /// <summary>Another provider already has the name.</summary>
    DuplicateName,

    /// <summary>HTTP 5xx.</summary>
    ServerError,
}
