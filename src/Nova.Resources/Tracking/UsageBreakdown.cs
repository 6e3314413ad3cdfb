namespace Nova.Resources.Tracking;

/// <summary>
/// Explains a node's used figures (<see cref="ResourceTracker.Usage"/>): for memory, disk and vCPUs, how much is
/// reserved for the host, used by tracked instances and claims, and used by untracked (orphan) instances, beside what
/// the hypervisor reports as used. Nova's operators often ask why "used" is not what the hypervisor shows; this is why.
/// </summary>
public sealed class UsageBreakdown
{
    internal UsageBreakdown(UsageSources memoryMb, UsageSources localGb, UsageSources vcpus, int orphanInstances)
    {
        MemoryMb = memoryMb;
        LocalGb = localGb;
        Vcpus = vcpus;
        OrphanInstances = orphanInstances;
    }

    /// <summary>Gets where <see cref="ComputeNode.MemoryMbUsed"/> comes from, in MiB.</summary>
    public UsageSources MemoryMb { get; }

    /// <summary>Gets where <see cref="ComputeNode.LocalGbUsed"/> comes from, in GiB.</summary>
    public UsageSources LocalGb { get; }

    /// <summary>Gets where <see cref="ComputeNode.VcpusUsed"/> comes from.</summary>
    public UsageSources Vcpus { get; }

    /// <summary>Gets how many instances the hypervisor ran at the last audit that nobody tracks.</summary>
    public int OrphanInstances { get; }
}
