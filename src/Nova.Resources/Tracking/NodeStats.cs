using System.Collections.ObjectModel;

namespace Nova.Resources.Tracking;

/// <summary>
/// Nova's <c>nova.compute.stats.Stats</c> for one node: counts of instances by state, OS type and project, and the
/// I/O workload. A scratch dictionary for one computation; <see cref="Snapshot"/> gives the immutable
/// value a <see cref="ComputeNode"/> holds, reusing the previous one when nothing changed. Not thread-safe: each
/// computation uses one of its own.
/// </summary>
internal sealed class NodeStats
{
    internal const string NumInstances = "num_instances";
    internal const string IoWorkload = "io_workload";

    // Nova's io_workload: building VMs plus these tasks.
    private const string VmBuilding = "num_vm_building";
    private static readonly string[] IoTaskKeys =
    [
        "num_task_resize_migrating",
        "num_task_rebuilding",
        "num_task_resize_prep",
        "num_task_image_snapshot",
        "num_task_image_backup",
        "num_task_rescuing",
        "num_task_unshelving",
    ];

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly KeyCache _vmKeys = new("num_vm_");
    private readonly KeyCache _taskKeys = new("num_task_");
    private readonly KeyCache _osTypeKeys = new("num_os_type_");
    private readonly KeyCache _projectKeys = new("num_proj_");

    /// <summary>Starts again from nothing (an audit).</summary>
    public void Clear() => _counts.Clear();

    /// <summary>Starts again from a record's statistics (a claim or a drop).</summary>
    public void Load(IReadOnlyDictionary<string, long> stats)
    {
        _counts.Clear();
        foreach (var pair in stats)
        {
            _counts[pair.Key] = pair.Value;
        }
    }

    /// <summary>Counts an instance the node did not track yet (Nova's <c>update_stats_for_instance</c>).</summary>
    public void Add(InstanceRequest instance)
    {
        Count(instance);
        _counts[IoWorkload] = CalculateIoWorkload();
    }

    /// <summary>
    /// Counts an instance during an audit without updating <c>io_workload</c>; <see cref="CompleteAudit"/> sets it once
    /// at the end, to the value Nova's per-instance updates end with.
    /// </summary>
    public void Count(InstanceRequest instance)
    {
        Increment(NumInstances, 1);
        if (NodeUsage.AllowsResourceRemoval(instance))
        {
            Increment(NumInstances, -1);
        }
        else
        {
            CountState(instance, 1);
        }
    }

    /// <summary>Sets <c>io_workload</c> when the audit counted an instance, as Nova's last per-instance update does.</summary>
    public void CompleteAudit()
    {
        if (_counts.Count > 0)
        {
            _counts[IoWorkload] = CalculateIoWorkload();
        }
    }

    /// <summary>Stops counting a tracked instance (Nova's <c>update_stats_for_instance</c> with <c>is_removed</c>).</summary>
    public void Remove(InstanceRequest instance)
    {
        // Nova decrements the keys of the instance's last state and leaves them in place, at zero.
        CountState(instance, -1);
        Increment(NumInstances, -1);
        _counts[IoWorkload] = CalculateIoWorkload();
    }

    /// <summary>Gets <c>num_instances</c>.</summary>
    public long Instances => _counts.GetValueOrDefault(NumInstances);

    /// <summary>Nova's <c>calculate_workload</c>: the sum of the <c>num_task_*</c> counts but <c>num_task_None</c>.</summary>
    public long CalculateWorkload()
    {
        long workload = 0;
        foreach (var pair in _counts)
        {
            if (pair.Key.StartsWith("num_task", StringComparison.Ordinal) && !pair.Key.EndsWith("None", StringComparison.Ordinal))
            {
                workload += pair.Value;
            }
        }

        return workload;
    }

    /// <summary>Returns the counts as an immutable dictionary; <paramref name="previous"/> when it holds the same counts.</summary>
    public IReadOnlyDictionary<string, long> Snapshot(IReadOnlyDictionary<string, long> previous)
    {
        if (previous.Count == _counts.Count)
        {
            bool same = true;
            foreach (var pair in _counts)
            {
                if (!previous.TryGetValue(pair.Key, out long value) || value != pair.Value)
                {
                    same = false;
                    break;
                }
            }

            if (same)
            {
                return previous;
            }
        }

        return _counts.Count == 0
            ? ReadOnlyDictionary<string, long>.Empty
            : new Dictionary<string, long>(_counts, StringComparer.Ordinal).AsReadOnly();
    }

    private void CountState(InstanceRequest instance, long delta)
    {
        Increment(_vmKeys.Get(instance.VmState), delta);
        Increment(_taskKeys.Get(instance.TaskState), delta);
        Increment(_osTypeKeys.Get(instance.OsType), delta);
        Increment(_projectKeys.Get(instance.ProjectId), delta);
    }

    private void Increment(string key, long delta)
    {
        ref long value = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _);
        value += delta;
    }

    private long CalculateIoWorkload()
    {
        long total = _counts.GetValueOrDefault(VmBuilding);
        foreach (string key in IoTaskKeys)
        {
            total += _counts.GetValueOrDefault(key);
        }

        return total;
    }

    /// <summary>Builds each <c>num_&lt;kind&gt;_&lt;value&gt;</c> key once, so counting allocates nothing.</summary>
    private sealed class KeyCache(string prefix)
    {
        private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
        private readonly string _none = prefix + "None";

        public string Get(string? value)
        {
            if (value is null)
            {
                return _none;
            }

            if (!_keys.TryGetValue(value, out string? key))
            {
                key = prefix + value;
                _keys[value] = key;
            }

            return key;
        }
    }
}
