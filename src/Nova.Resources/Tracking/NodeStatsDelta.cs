using System.Collections.Immutable;

namespace Nova.Resources.Tracking;

/// <summary>
/// One instance added to or taken from a record's statistics, as <see cref="NodeStats"/> counts it, without copying
/// them: the statistics are a persistent <see cref="ImmutableDictionary{TKey, TValue}"/>, so a claim or a give-back
/// changes a handful of keys in time logarithmic in the number of keys and shares the rest with the previous record.
/// Nothing is cached: each key is built when it is needed and lives only as long as a record holds it.
/// </summary>
internal static class NodeStatsDelta
{
    private const string TaskPrefix = "num_task_";

    /// <summary>The statistics as a persistent dictionary: the same object when they are one already (every record a tracker builds).</summary>
    public static ImmutableDictionary<string, long> AsImmutable(IReadOnlyDictionary<string, long> stats)
        => stats as ImmutableDictionary<string, long> ?? stats.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Nova's <c>update_stats_for_instance</c> for one instance added (<paramref name="sign"/> 1) or removed (-1): the
    /// new statistics, and the change of <c>calculate_workload</c> (the sum of <c>num_task_*</c> but <c>num_task_None</c>).
    /// </summary>
    public static ImmutableDictionary<string, long> Apply(IReadOnlyDictionary<string, long> stats, InstanceRequest instance, int sign, out long workloadDelta)
    {
        var builder = AsImmutable(stats).ToBuilder();
        workloadDelta = 0;
        if (sign > 0)
        {
            Increment(builder, NodeStats.NumInstances, 1);
            if (NodeUsage.AllowsResourceRemoval(instance))
            {
                Increment(builder, NodeStats.NumInstances, -1);
            }
            else
            {
                workloadDelta = CountState(builder, instance, 1);
            }
        }
        else
        {
            // Nova decrements the keys of the instance's last state and leaves them in place, at zero.
            workloadDelta = CountState(builder, instance, -1);
            Increment(builder, NodeStats.NumInstances, -1);
        }

        long io = builder.GetValueOrDefault(NodeStats.VmBuilding);
        foreach (string key in NodeStats.IoTaskKeys)
        {
            io += builder.GetValueOrDefault(key);
        }

        builder[NodeStats.IoWorkload] = io;
        return builder.ToImmutable();
    }

    private static long CountState(ImmutableDictionary<string, long>.Builder builder, InstanceRequest instance, long delta)
    {
        Increment(builder, Key("num_vm_", instance.VmState), delta);
        string task = Key(TaskPrefix, instance.TaskState);
        Increment(builder, task, delta);
        Increment(builder, Key("num_os_type_", instance.OsType), delta);
        Increment(builder, Key("num_proj_", instance.ProjectId), delta);
        return task.EndsWith("None", StringComparison.Ordinal) ? 0 : delta;
    }

    private static string Key(string prefix, string? value) => string.Concat(prefix, value ?? "None");

    private static void Increment(ImmutableDictionary<string, long>.Builder builder, string key, long delta)
        => builder[key] = builder.GetValueOrDefault(key) + delta;
}
