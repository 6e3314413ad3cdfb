using Nova.Resources.Compute;

namespace Nova.Resources.Tracking;

/// <summary>What an audit found a node's instances use, from the reservations up.</summary>
/// <param name="VcpusUsed">The vCPUs used.</param>
/// <param name="MemoryMbUsed">The memory used, orphans included.</param>
/// <param name="LocalGbUsed">The local disk used.</param>
/// <param name="RunningVms">Nova's <c>num_instances</c>.</param>
/// <param name="CurrentWorkload">Nova's <c>calculate_workload</c>.</param>
/// <param name="Stats">The <c>num_*</c> statistics.</param>
/// <param name="Tracked">The instances counted, by UUID.</param>
/// <param name="Orphans">What the hypervisor runs that nobody tracks (its memory is counted).</param>
internal sealed record AuditUsage(
    int VcpusUsed,
    long MemoryMbUsed,
    long LocalGbUsed,
    int RunningVms,
    int CurrentWorkload,
    IReadOnlyDictionary<string, long> Stats,
    Dictionary<string, InstanceRequest> Tracked,
    IReadOnlyList<InstanceUsage> Orphans);
