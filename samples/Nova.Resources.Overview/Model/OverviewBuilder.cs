using Nova.Resources.Tracking;

namespace Nova.Resources.Overview.Model;

/// <summary>Turns the store's records (and Placement's usages) into an <see cref="OverviewSnapshot"/>; pure.</summary>
internal static class OverviewBuilder
{
    /// <summary>The classes every overview shows, even when no host has them.</summary>
    private static readonly string[] ShownClasses = [ResourceClasses.Vcpu, ResourceClasses.MemoryMb, ResourceClasses.DiskGb];

    /// <summary>Builds the overview of <paramref name="nodes"/>.</summary>
    /// <param name="nodes">Every current record.</param>
    /// <param name="usages">Placement's usages per provider UUID, or <see langword="null"/> without Placement; a provider missing from it has no allocations.</param>
    /// <param name="now">The time the overview is for.</param>
    /// <param name="staleAfter">How long a record may stay unchanged before it is shown as stale.</param>
    /// <param name="placementError">Why Placement could not be read, when it could not.</param>
    /// <param name="audits">Each node's last audit by host and node, or <see langword="null"/> when unknown; a node missing from it shows none.</param>
    /// <returns>The snapshot; its statistics are the sums over exactly the hosts it lists.</returns>
    public static OverviewSnapshot Build(
        IReadOnlyList<ComputeNode> nodes,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, long>>? usages,
        DateTimeOffset now,
        TimeSpan staleAfter,
        string? placementError = null,
        IReadOnlyDictionary<(string Host, string Node), NodeAudit>? audits = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);

        // Summed from the same list the hosts come from, so the totals always equal the sum over the hosts shown,
        // whatever an agent wrote between two queries.
        var statistics = ClusterStatistics.Sum(nodes);
        var totals = new SortedDictionary<string, ClassCapacity>(StringComparer.Ordinal);
        foreach (var name in ShownClasses)
        {
            totals[name] = new ClassCapacity(0, 0, 0, usages is null ? null : 0);
        }

        var hosts = new HostView[nodes.Count];
        int stale = 0;
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            IReadOnlyDictionary<string, long>? used = null;
            if (usages is not null && !usages.TryGetValue(node.Uuid, out used))
            {
                used = EmptyUsage;
            }

            var capacity = CapacityOf(node, used);
            foreach (var (name, one) in capacity)
            {
                totals[name] = totals.TryGetValue(name, out var sum) ? Add(sum, one) : one;
            }

            var audit = audits?.GetValueOrDefault((node.Host, node.HypervisorHostname));
            hosts[i] = ViewOf(node, capacity, audit, now, staleAfter);
            stale += hosts[i].Stale ? 1 : 0;
        }

        Array.Sort(hosts, static (a, b) =>
        {
            int byHost = string.CompareOrdinal(a.Host, b.Host);
            return byHost != 0 ? byHost : string.CompareOrdinal(a.HypervisorHostname, b.HypervisorHostname);
        });

        return new OverviewSnapshot
        {
            GeneratedAt = now,
            Count = statistics.Count,
            Vcpus = statistics.Vcpus,
            MemoryMb = statistics.MemoryMb,
            LocalGb = statistics.LocalGb,
            VcpusUsed = statistics.VcpusUsed,
            MemoryMbUsed = statistics.MemoryMbUsed,
            LocalGbUsed = statistics.LocalGbUsed,
            FreeRamMb = statistics.FreeRamMb,
            FreeDiskGb = statistics.FreeDiskGb,
            RunningVms = statistics.RunningVms,
            CurrentWorkload = statistics.CurrentWorkload,
            DiskAvailableLeast = statistics.DiskAvailableLeast,
            StaleCount = stale,
            Placement = usages is not null,
            PlacementError = placementError,
            Capacity = totals,
            Hosts = hosts,
        };
    }

    private static readonly IReadOnlyDictionary<string, long> EmptyUsage = new Dictionary<string, long>();

    /// <summary>Placement's capacity of each inventory class: <c>int((total - reserved) * allocation_ratio)</c>.</summary>
    private static SortedDictionary<string, ClassCapacity> CapacityOf(ComputeNode node, IReadOnlyDictionary<string, long>? used)
    {
        var capacity = new SortedDictionary<string, ClassCapacity>(StringComparer.Ordinal);
        foreach (var (name, inventory) in node.Inventory)
        {
            long usable = (long)Math.Floor(Math.Max(0, inventory.Total - inventory.Reserved) * inventory.AllocationRatio);
            long? allocated = used is null ? null : used.GetValueOrDefault(name);
            capacity[name] = new ClassCapacity(inventory.Total, inventory.Reserved, usable, allocated);
        }

        // Allocations of a class the inventory no longer has still count against the cluster.
        if (used is not null)
        {
            foreach (var (name, amount) in used)
            {
                if (amount != 0 && !capacity.ContainsKey(name))
                {
                    capacity[name] = new ClassCapacity(0, 0, 0, amount);
                }
            }
        }

        return capacity;
    }

    private static ClassCapacity Add(ClassCapacity a, ClassCapacity b) => checked(new(
        a.Total + b.Total,
        a.Reserved + b.Reserved,
        a.Capacity + b.Capacity,
        a.Allocated is null && b.Allocated is null ? null : (a.Allocated ?? 0) + (b.Allocated ?? 0)));

    private static HostView ViewOf(ComputeNode node, IReadOnlyDictionary<string, ClassCapacity> capacity, NodeAudit? audit, DateTimeOffset now, TimeSpan staleAfter)
    {
        // An audit that changed nothing saves no record; its recorded outcome says the host is alive all the same.
        var changed = node.UpdatedAt ?? node.CreatedAt;
        var seen = audit is not null && audit.FinishedAt > changed ? audit.FinishedAt : changed;
        return new HostView
        {
            Id = node.Id,
            Uuid = node.Uuid,
            Host = node.Host,
            HypervisorHostname = node.HypervisorHostname,
            HypervisorType = node.HypervisorType,
            HypervisorVersion = node.HypervisorVersion,
            HostIp = node.HostIp?.ToString(),
            Vcpus = node.Vcpus,
            MemoryMb = node.MemoryMb,
            LocalGb = node.LocalGb,
            VcpusUsed = node.VcpusUsed,
            MemoryMbUsed = node.MemoryMbUsed,
            LocalGbUsed = node.LocalGbUsed,
            FreeRamMb = node.FreeRamMb,
            FreeDiskGb = node.FreeDiskGb,
            RunningVms = node.RunningVms,
            CurrentWorkload = node.CurrentWorkload,
            DiskAvailableLeast = node.DiskAvailableLeast,
            CpuAllocationRatio = node.CpuAllocationRatio,
            RamAllocationRatio = node.RamAllocationRatio,
            DiskAllocationRatio = node.DiskAllocationRatio,
            CreatedAt = node.CreatedAt,
            UpdatedAt = node.UpdatedAt,
            LastAuditAt = audit?.FinishedAt,
            LastAuditSucceeded = audit?.Succeeded,
            LastAuditError = audit?.Error,
            Stale = now - seen > staleAfter,
            Capacity = capacity,
        };
    }
}
