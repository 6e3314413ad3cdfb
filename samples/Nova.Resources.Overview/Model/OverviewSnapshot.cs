namespace Nova.Resources.Overview.Model;

/// <summary>
/// What <c>GET /api/overview</c> returns: Nova's cluster statistics (the same names as
/// <c>GET /os-hypervisors/statistics</c>), the capacity after allocation ratios and reservations, and every host.
/// </summary>
internal sealed record OverviewSnapshot
{
    public DateTimeOffset GeneratedAt { get; init; }

    public int Count { get; init; }

    public long Vcpus { get; init; }

    public long MemoryMb { get; init; }

    public long LocalGb { get; init; }

    public long VcpusUsed { get; init; }

    public long MemoryMbUsed { get; init; }

    public long LocalGbUsed { get; init; }

    public long FreeRamMb { get; init; }

    public long FreeDiskGb { get; init; }

    public long RunningVms { get; init; }

    public long CurrentWorkload { get; init; }

    public long DiskAvailableLeast { get; init; }

    /// <summary>Gets the number of hosts whose record has not changed for longer than <c>StaleAfter</c>.</summary>
    public int StaleCount { get; init; }

    /// <summary>Gets whether Placement's allocations were read (<see cref="ClassCapacity.Allocated"/> is set).</summary>
    public bool Placement { get; init; }

    /// <summary>Gets why Placement could not be read this time, or <see langword="null"/>.</summary>
    public string? PlacementError { get; init; }

    /// <summary>Gets the cluster's capacity per resource class.</summary>
    public required IReadOnlyDictionary<string, ClassCapacity> Capacity { get; init; }

    /// <summary>Gets the hosts, ordered by host and node name.</summary>
    public required IReadOnlyList<HostView> Hosts { get; init; }
}
