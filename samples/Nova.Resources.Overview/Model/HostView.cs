namespace Nova.Resources.Overview.Model;

/// <summary>One compute-node record as the overview shows it: Nova's field names, its capacity and whether it is stale.</summary>
internal sealed record HostView
{
    public long Id { get; init; }

    public Guid Uuid { get; init; }

    public required string Host { get; init; }

    public required string HypervisorHostname { get; init; }

    public string? HypervisorType { get; init; }

    public long HypervisorVersion { get; init; }

    public string? HostIp { get; init; }

    public int Vcpus { get; init; }

    public long MemoryMb { get; init; }

    public long LocalGb { get; init; }

    public int VcpusUsed { get; init; }

    public long MemoryMbUsed { get; init; }

    public long LocalGbUsed { get; init; }

    public long FreeRamMb { get; init; }

    public long FreeDiskGb { get; init; }

    public int RunningVms { get; init; }

    public int CurrentWorkload { get; init; }

    public long? DiskAvailableLeast { get; init; }

    public double CpuAllocationRatio { get; init; }

    public double RamAllocationRatio { get; init; }

    public double DiskAllocationRatio { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the record last changed (<c>updated_at</c>), or <see langword="null"/> when it never did.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets when the node's last recorded audit finished, or <see langword="null"/> when its host records none.</summary>
    public DateTimeOffset? LastAuditAt { get; init; }

    /// <summary>Gets whether the node's last recorded audit succeeded, or <see langword="null"/> when its host records none.</summary>
    public bool? LastAuditSucceeded { get; init; }

    /// <summary>Gets why the node's last recorded audit failed, or <see langword="null"/>.</summary>
    public string? LastAuditError { get; init; }

    /// <summary>
    /// Gets whether neither the record changed nor an audit was recorded for longer than the overview's
    /// <c>StaleAfter</c>.
    /// </summary>
    public bool Stale { get; init; }

    /// <summary>Gets the node's capacity per resource class (<c>VCPU</c>, <c>MEMORY_MB</c>, <c>DISK_GB</c>, ...).</summary>
    public required IReadOnlyDictionary<string, ClassCapacity> Capacity { get; init; }
}
