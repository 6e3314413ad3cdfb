namespace Nova.Resources.Tracking;

/// <summary>
/// What the last audit found besides the instances: the reservations, the orphans and the hypervisor's own used
/// figures. The instances' share is the record's used amount minus these, so claims made since the audit count there.
/// </summary>
internal sealed record AuditUsage(AuditUsage.Part Memory, AuditUsage.Part Disk, AuditUsage.Part Vcpus, int OrphanInstances)
{
    /// <summary>One resource: what is reserved, what orphans use, and what the hypervisor reported as used.</summary>
    internal sealed record Part(long Reserved, long Orphans, long? Hypervisor)
    {
        public UsageSources Explain(long used) => new(Reserved, used - Reserved - Orphans, Orphans, Hypervisor);
    }
}
