namespace Nova.Resources.HostReport;

/// <summary>Where a used amount comes from: the host's reservation, tracked instances and claims, untracked (orphan) instances.</summary>
internal sealed record UsedBy(long Reserved, long Instances, long Orphans);
