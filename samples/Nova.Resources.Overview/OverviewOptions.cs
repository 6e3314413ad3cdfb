namespace Nova.Resources.Overview;

/// <summary>How the overview refreshes (configuration section <c>Overview</c>).</summary>
internal sealed class OverviewOptions
{
    /// <summary>Gets or sets how often the store is read for the live page (<c>Overview:RefreshInterval</c>, default 2 s).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets how long a record may stay unchanged, with no audit recorded, before its host is shown as stale
    /// (<c>Overview:StaleAfter</c>, default 10 minutes). A tracker saves its record only when it changed, so an idle
    /// host whose agent records no audits goes stale too: the flag says "look here", not "down".
    /// </summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(10);
}
