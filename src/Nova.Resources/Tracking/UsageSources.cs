namespace Nova.Resources.Tracking;

/// <summary>
/// Where one resource's used amount in the compute-node record comes from, beside what the hypervisor itself
/// reports as used: the accounted view (<see cref="Total"/>) and the hypervisor's view can differ, and this shows why.
/// </summary>
public sealed class UsageSources
{
    internal UsageSources(long reserved, long instances, long orphans, long? hypervisor)
    {
        Reserved = reserved;
        Instances = instances;
        Orphans = orphans;
        Hypervisor = hypervisor;
    }

    /// <summary>Gets what is reserved for the host (<c>reserved_host_*</c>).</summary>
    public long Reserved { get; }

    /// <summary>Gets what the tracked instances and the claims use.</summary>
    public long Instances { get; }

    /// <summary>Gets what instances the hypervisor runs and nobody tracks (orphans) use; memory only, as in Nova.</summary>
    public long Orphans { get; }

    /// <summary>Gets the record's used amount: <see cref="Reserved"/> + <see cref="Instances"/> + <see cref="Orphans"/>.</summary>
    public long Total => Reserved + Instances + Orphans;

    /// <summary>Gets what the hypervisor reported as used at the last audit (its own view, not Nova's accounting), if it reported it.</summary>
    public long? Hypervisor { get; }
}
