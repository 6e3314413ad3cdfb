using System.Collections.Concurrent;

namespace Nova.Resources.Tracking;

/// <summary>The default <see cref="IComputeNodeStore"/>: records kept in memory for the life of the process.</summary>
internal sealed class InMemoryComputeNodeStore : IComputeNodeStore
{
    private readonly ConcurrentDictionary<(string Host, string Node), ComputeNode> _records = new();
    private long _lastId;

    public ValueTask<IReadOnlyList<ComputeNode>> GetByHostAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        cancellationToken.ThrowIfCancellationRequested();
        var found = new List<ComputeNode>();
        foreach (var pair in _records)
        {
            if (string.Equals(pair.Key.Host, host, StringComparison.Ordinal))
            {
                found.Add(pair.Value);
            }
        }

        found.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return ValueTask.FromResult<IReadOnlyList<ComputeNode>>(found);
    }

    public ValueTask<ComputeNode> CreateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = node.Id == 0 ? node with { Id = Interlocked.Increment(ref _lastId) } : node;
        if (!_records.TryAdd((node.Host, node.HypervisorHostname), stored))
        {
            throw new InvalidOperationException(
                $"Duplicate compute node record found for host {node.Host} node {node.HypervisorHostname}");
        }

        return ValueTask.FromResult(stored);
    }

    public ValueTask UpdateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        cancellationToken.ThrowIfCancellationRequested();
        var key = (node.Host, node.HypervisorHostname);
        while (true)
        {
            if (!_records.TryGetValue(key, out var current))
            {
                throw new KeyNotFoundException(
                    $"Compute host {node.Host} node {node.HypervisorHostname} could not be found.");
            }

            if (_records.TryUpdate(key, node, current))
            {
                return ValueTask.CompletedTask;
            }
        }
    }

    public ValueTask DeleteAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        cancellationToken.ThrowIfCancellationRequested();
        _records.TryRemove((node.Host, node.HypervisorHostname), out _);
        return ValueTask.CompletedTask;
    }
}
