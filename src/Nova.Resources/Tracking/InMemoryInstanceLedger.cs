using System.Collections.Concurrent;

namespace Nova.Resources.Tracking;

/// <summary>The default <see cref="IInstanceLedger"/>: committed instances kept in memory for the life of the process.</summary>
internal sealed class InMemoryInstanceLedger : IInstanceLedger
{
    private readonly ConcurrentDictionary<(string Host, string Uuid), (string Node, InstanceRequest Instance)> _entries = new();

    public ValueTask<IReadOnlyList<InstanceRequest>> GetInstancesAsync(string host, string nodeName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(nodeName);
        cancellationToken.ThrowIfCancellationRequested();
        var found = new List<InstanceRequest>();
        foreach (var pair in _entries)
        {
            if (string.Equals(pair.Key.Host, host, StringComparison.Ordinal) && string.Equals(pair.Value.Node, nodeName, StringComparison.Ordinal))
            {
                found.Add(pair.Value.Instance);
            }
        }

        found.Sort(static (a, b) => string.CompareOrdinal(a.Uuid, b.Uuid));
        return ValueTask.FromResult<IReadOnlyList<InstanceRequest>>(found);
    }

    public ValueTask AddAsync(string host, string nodeName, InstanceRequest instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(nodeName);
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        _entries[(host, instance.Uuid)] = (nodeName, instance);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(string host, string instanceUuid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(instanceUuid);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_entries.TryRemove((host, instanceUuid), out _));
    }
}
