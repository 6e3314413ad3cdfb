using Nova.Resources.Compute;

namespace Nova.Resources.Tracking;

/// <summary>
/// What the last audit found besides the instances: the reservations, the orphans and the hypervisor's own used
/// figures. The instances' share is the record's used amount minus these, so claims made since the audit count there.
/// </summary>
internal sealed record AuditUsageSources(AuditUsageSources.Part Memory, AuditUsageSources.Part Disk, AuditUsageSources.Part Vcpus, int OrphanInstances)
{
    /// <summary>What an audit's usage was made of, beside the hypervisor's own used figures.</summary>
    public static AuditUsageSources Of(ComputeResourceOptions options, AuditUsage usage, HostResources resources)
    {
        long orphanMemoryMb = 0;
        foreach (var orphan in usage.Orphans)
        {
            orphanMemoryMb += orphan.MemoryMb;
        }

        return new(
            new(options.ReservedHostMemoryMb, orphanMemoryMb, resources.MemoryMbUsed),
            new(options.ReservedHostDiskMb / 1024, 0, resources.LocalGbUsed),
            new(options.ReservedHostCpus, 0, resources.VcpusUsed),
            usage.Orphans.Count);
    }

    /// <summary>One resource: what is reserved, what orphans use, and what the hypervisor reported as used.</summary>
    internal sealed record Part(long Reserved, long Orphans, long? Hypervisor)
    {
        public UsageSources Explain(long used) => new(Reserved, used - Reserved - Orphans, Orphans, Hypervisor);
    }
}
