namespace Nova.Resources.Tracking;

/// <summary>
/// The sums over every current compute-node record of a cluster (Nova's <c>compute_node_statistics</c>, the
/// numbers of <c>GET /os-hypervisors/statistics</c>). Raw totals: allocation ratios are not applied, and
/// reservations count as used, as in Nova.
/// </summary>
public sealed record ClusterStatistics
{
    /// <summary>Gets statistics over no records.</summary>
    public static ClusterStatistics Empty { get; } = new();

    /// <summary>Gets the number of records (<c>count</c>).</summary>
    public int Count { get; init; }

    /// <summary>Gets the sum of <see cref="ComputeNode.Vcpus"/> (<c>vcpus</c>).</summary>
    public long Vcpus { get; init; }

    /// <summary>Gets the sum of <see cref="ComputeNode.MemoryMb"/> (<c>memory_mb</c>).</summary>
    public long MemoryMb { get; init; }

    /// <summary>Gets the sum of <see cref="ComputeNode.LocalGb"/> (<c>local_gb</c>).</summary>
    public long LocalGb { get; init; }

    /// <summary>Gets the sum of <see cref="ComputeNode.VcpusUsed"/> (<c>vcpus_used</c>).</summary>
    public long VcpusUsed { get; init; }

    /// <summary>Gets the sum of <see cref="ComputeNode.MemoryMbUsed"/> (<c>memory_mb_used</c>).</summary>
    public long MemoryMbUsed { get; init; }

    /// <summary>Gets the sum of <see cref="ComputeNode.LocalGbUsed"/> (<c>local_gb_used</c>).</summary>
    public long LocalGbUsed { get; init; }

    /// <summary>Gets the sum of <see cref="ComputeNode.FreeRamMb"/> (<c>free_ram_mb</c>).</summary>
    public long FreeRamMb { get; init; }

    /// <summary>Gets the sum of <see cref="ComputeNode.FreeDiskGb"/> (<c>free_disk_gb</c>).</summary>
    public long FreeDiskGb { get; init; }

    /// <summary>Gets the sum of <see cref="ComputeNode.CurrentWorkload"/> (<c>current_workload</c>).</summary>
    public long CurrentWorkload { get; init; }

    /// <summary>Gets the sum of <see cref="ComputeNode.RunningVms"/> (<c>running_vms</c>).</summary>
    public long RunningVms { get; init; }

    /// <summary>Gets the sum of <see cref="ComputeNode.DiskAvailableLeast"/>, unknown values counting 0 (<c>disk_available_least</c>).</summary>
    public long DiskAvailableLeast { get; init; }

    /// <summary>Sums records in .NET, as a store without a query language does.</summary>
    /// <param name="nodes">The current records.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> is null.</exception>
    /// <exception cref="OverflowException">A sum does not fit in 64 bits.</exception>
    public static ClusterStatistics Sum(IEnumerable<ComputeNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        int count = 0;
        long vcpus = 0, memoryMb = 0, localGb = 0, vcpusUsed = 0, memoryMbUsed = 0, localGbUsed = 0;
        long freeRamMb = 0, freeDiskGb = 0, workload = 0, runningVms = 0, diskAvailableLeast = 0;
        foreach (var node in nodes)
        {
            checked
            {
                count++;
                vcpus += node.Vcpus;
                memoryMb += node.MemoryMb;
                localGb += node.LocalGb;
                vcpusUsed += node.VcpusUsed;
                memoryMbUsed += node.MemoryMbUsed;
                localGbUsed += node.LocalGbUsed;
                freeRamMb += node.FreeRamMb;
                freeDiskGb += node.FreeDiskGb;
                workload += node.CurrentWorkload;
                runningVms += node.RunningVms;
                diskAvailableLeast += node.DiskAvailableLeast ?? 0;
            }
        }

        return new ClusterStatistics
        {
            Count = count,
            Vcpus = vcpus,
            MemoryMb = memoryMb,
            LocalGb = localGb,
            VcpusUsed = vcpusUsed,
            MemoryMbUsed = memoryMbUsed,
            LocalGbUsed = localGbUsed,
            FreeRamMb = freeRamMb,
            FreeDiskGb = freeDiskGb,
            CurrentWorkload = workload,
            RunningVms = runningVms,
            DiskAvailableLeast = diskAvailableLeast,
        };
    }
}
