namespace Nova.Resources.Overview.Placement;

/// <summary>Where the overview reads Placement's allocations from (configuration section <c>Placement</c>).</summary>
internal sealed class PlacementUsageOptions
{
    /// <summary>Gets or sets Placement's endpoint (<c>Placement:Endpoint</c>); unset means the overview does not read Placement.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the token sent as <c>X-Auth-Token</c> (<c>Placement:Token</c>).</summary>
    public string? Token { get; set; }

    /// <summary>Gets or sets how many usage requests run at once (<c>Placement:MaxConcurrentRequests</c>).</summary>
    public int MaxConcurrentRequests { get; set; } = 8;
}
