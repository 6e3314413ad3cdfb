namespace Nova.Resources.Tracking;

/// <summary>
/// What an instance uses on a node: its flavor's numbers, plus the state Nova's workload statistics count.
/// Used both to claim resources for a new instance and, through <see cref="IInstanceSource"/>, to report the
/// instances already on a node.
/// </summary>
/// <remarks>
/// Usage counts <see cref="MemoryMb"/>, <see cref="RootGb"/> + <see cref="EphemeralGb"/> + <see cref="SwapMb"/> / 1024
/// (truncated) and <see cref="Vcpus"/>, as Nova's <c>_update_usage</c> does; a boot-from-volume instance
/// reports a <see cref="RootGb"/> of 0. The claim test checks memory, root + ephemeral disk and vCPUs.
/// Every amount is between 0 and <see cref="MaxSize"/>: a claim outside it is refused, and an instance outside it
/// from an <see cref="IInstanceSource"/> or an <see cref="IInstanceLedger"/> is left out of the audit and logged.
/// </remarks>
public sealed record InstanceRequest
{
    /// <summary>
    /// The largest amount of any one size (<see cref="Vcpus"/>, <see cref="MemoryMb"/>, <see cref="RootGb"/>,
    /// <see cref="EphemeralGb"/>, <see cref="SwapMb"/>): 2147483647, Nova's flavor limit (<c>db.MAX_INT</c>). With it,
    /// no sum of a node's instances can wrap around.
    /// </summary>
    public const long MaxSize = int.MaxValue;

    /// <summary>Gets the instance's UUID; must not be empty.</summary>
    public required string Uuid { get; init; }

    /// <summary>Gets the number of virtual CPUs.</summary>
    public int Vcpus { get; init; }

    /// <summary>Gets the memory in MiB.</summary>
    public long MemoryMb { get; init; }

    /// <summary>Gets the root disk in GiB (0 for an instance booted from a volume).</summary>
    public long RootGb { get; init; }

    /// <summary>Gets the ephemeral disk in GiB.</summary>
    public long EphemeralGb { get; init; }

    /// <summary>Gets the swap disk in MiB.</summary>
    public long SwapMb { get; init; }

    /// <summary>
    /// Gets Nova's <c>vm_state</c> (such as <c>active</c> or <c>building</c>), counted as <c>num_vm_&lt;state&gt;</c>;
    /// <see langword="null"/> is counted as <c>num_vm_None</c>. An instance whose state is <c>deleted</c>, or
    /// <c>shelved_offloaded</c> without the task <c>spawning</c>, uses nothing.
    /// </summary>
    public string? VmState { get; init; }

    /// <summary>Gets Nova's <c>task_state</c> (such as <c>spawning</c>), counted as <c>num_task_&lt;state&gt;</c>; <see langword="null"/> is <c>num_task_None</c>.</summary>
    public string? TaskState { get; init; }

    /// <summary>Gets the guest OS type (such as <c>linux</c>), counted as <c>num_os_type_&lt;type&gt;</c>.</summary>
    public string? OsType { get; init; }

    /// <summary>Gets the owning project's id, counted as <c>num_proj_&lt;id&gt;</c>.</summary>
    public string? ProjectId { get; init; }
}
