namespace Nova.Resources.Overview.Model;

/// <summary>The live feed's "nothing changed" event: when the store was last read, and whether that read worked.</summary>
/// <param name="CheckedAt">When the store was last read.</param>
/// <param name="Error">Why the last read failed, or <see langword="null"/>.</param>
internal sealed record OverviewTick(DateTimeOffset CheckedAt, string? Error);
