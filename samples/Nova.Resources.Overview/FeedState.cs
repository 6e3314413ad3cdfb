namespace Nova.Resources.Overview;

/// <summary>What the live feed last published.</summary>
/// <param name="Version">Bumped by every read of the store.</param>
/// <param name="Snapshot">The latest overview as JSON, or <see langword="null"/> before the first good read.</param>
/// <param name="SnapshotVersion">The <see cref="Version"/> at which <see cref="Snapshot"/> last changed.</param>
/// <param name="Tick">The latest tick as JSON: when the store was read and whether that worked.</param>
internal sealed record FeedState(long Version, byte[]? Snapshot, long SnapshotVersion, byte[] Tick);
