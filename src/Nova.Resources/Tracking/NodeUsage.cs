using Nova.Resources.Compute;

namespace Nova.Resources.Tracking;

/// <summary>
/// What a node's instances use, as pure arithmetic (Nova's <c>_update_usage_from_instances</c>, <c>_update_usage</c>
/// and Juno's <c>_update_usage_from_orphans</c>): the audit's sum from the reservations up, and one instance added to
/// or taken from a record.
/// </summary>
internal static class NodeUsage
{
    /// <summary>Nova's <c>vm_states.allow_resource_removal</c>: a deleted instance, or one shelved and offloaded that is not spawning, uses nothing.</summary>
    public static bool AllowsResourceRemoval(InstanceRequest instance)
        => string.Equals(instance.VmState, "deleted", StringComparison.Ordinal)
            || (string.Equals(instance.VmState, "shelved_offloaded", StringComparison.Ordinal)
                && !string.Equals(instance.TaskState, "spawning", StringComparison.Ordinal));

    /// <summary>The disk an instance uses: root + ephemeral + swap in whole GiB (truncated), as Nova counts it.</summary>
    public static long DiskUsageGb(InstanceRequest instance)
        => instance.RootGb + instance.EphemeralGb + (instance.SwapMb / 1024);

    /// <summary>
    /// Sums an audit's usage: the reservations, then each instance once (the instance source first, as it knows an
    /// instance's current state; then what the host's ledger holds that the source does not return; then the claims in
    /// progress), then the memory of what the hypervisor runs and nobody tracks.
    /// </summary>
    /// <param name="options">The audit's options (the reservations).</param>
    /// <param name="source">The instance source's instances of the node.</param>
    /// <param name="ledger">The host's committed instances of the node.</param>
    /// <param name="claims">The claims in progress.</param>
    /// <param name="running">What the hypervisor runs on the node.</param>
    /// <param name="previousStats">The previous record's statistics, reused when they did not change.</param>
    /// <returns>The usage.</returns>
    public static AuditUsage Sum(
        ComputeResourceOptions options,
        IReadOnlyList<InstanceRequest> source,
        IReadOnlyList<InstanceRequest> ledger,
        IEnumerable<InstanceRequest> claims,
        IReadOnlyList<InstanceUsage> running,
        IReadOnlyDictionary<string, long> previousStats)
    {
        long memoryMbUsed = options.ReservedHostMemoryMb;
        long localGbUsed = options.ReservedHostDiskMb / 1024;
        long vcpusUsed = options.ReservedHostCpus;
        var tracked = new Dictionary<string, InstanceRequest>(StringComparer.Ordinal);
        var stats = new NodeStats();
        var fromSource = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instance in source)
        {
            fromSource.Add(instance.Uuid);
            Track(instance);
        }

        foreach (var instance in ledger)
        {
            if (!fromSource.Contains(instance.Uuid))
            {
                Track(instance);
            }
        }

        foreach (var claim in claims)
        {
            Track(claim);
        }

        stats.CompleteAudit();
        var orphans = new List<InstanceUsage>();
        foreach (var usage in running)
        {
            if (!tracked.ContainsKey(usage.Uuid))
            {
                orphans.Add(usage);
                memoryMbUsed += usage.MemoryMb;
            }
        }

        return new AuditUsage(
            checked((int)vcpusUsed),
            memoryMbUsed,
            localGbUsed,
            checked((int)stats.Instances),
            checked((int)stats.CalculateWorkload()),
            stats.Snapshot(previousStats),
            tracked,
            orphans);

        void Track(InstanceRequest instance)
        {
            if (AllowsResourceRemoval(instance) || !tracked.TryAdd(instance.Uuid, instance))
            {
                return;
            }

            memoryMbUsed += instance.MemoryMb;
            localGbUsed += DiskUsageGb(instance);
            vcpusUsed += instance.Vcpus;
            stats.Count(instance);
        }
    }

    /// <summary>A record with an instance's usage added (<paramref name="sign"/> 1) or taken away (-1): Nova's <c>_update_usage</c>.</summary>
    public static ComputeNode With(ComputeNode node, InstanceRequest instance, int sign, DateTimeOffset now)
    {
        var stats = new NodeStats();
        stats.Load(node.Stats);
        if (sign > 0)
        {
            stats.Add(instance);
        }
        else
        {
            stats.Remove(instance);
        }

        return node with
        {
            VcpusUsed = checked(node.VcpusUsed + (sign * instance.Vcpus)),
            MemoryMbUsed = node.MemoryMbUsed + (sign * instance.MemoryMb),
            LocalGbUsed = node.LocalGbUsed + (sign * DiskUsageGb(instance)),
            RunningVms = checked((int)stats.Instances),
            CurrentWorkload = checked((int)stats.CalculateWorkload()),
            Stats = stats.Snapshot(node.Stats),
            UpdatedAt = now,
        };
    }
}
