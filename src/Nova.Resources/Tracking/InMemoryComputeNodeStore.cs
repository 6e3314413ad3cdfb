namespace Nova.Resources.Tracking;

/// <summary>The default <see cref="IComputeNodeStore"/>: records kept in memory for the life of the process.</summary>
internal sealed class InMemoryComputeNodeStore : IComputeNodeStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, ComputeNode> _records = [];
    private long _lastId;

    public ValueTask<IReadOnlyList<ComputeNode>> GetByHostAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<ComputeNode>>(
                _records.Values.Where(node => string.Equals(node.Host, host, StringComparison.Ordinal)).ToList());
        }
    }

    public ValueTask<IReadOnlyList<ComputeNode>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<ComputeNode>>([.. _records.Values]);
        }
    }

    public ValueTask<ClusterStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(ClusterStatistics.Sum(_records.Values));
        }
    }

    public ValueTask<ComputeNode> CreateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var existing in _records.Values)
            {
                if (string.Equals(existing.Host, node.Host, StringComparison.Ordinal)
                    && string.Equals(existing.HypervisorHostname, node.HypervisorHostname, StringComparison.Ordinal))
                {
                    throw new ComputeNodeConflictException(node.Host, node.HypervisorHostname,
                        $"Duplicate compute node record found for host {node.Host} node {node.HypervisorHostname}");
                }
            }

            long id = node.Id != 0 ? node.Id : ++_lastId;
            _lastId = Math.Max(_lastId, id);
            var stored = node with { Id = id, Revision = 1, Uuid = node.Uuid == Guid.Empty ? Guid.NewGuid() : node.Uuid };
            if (!_records.TryAdd(id, stored))
            {
                throw new ComputeNodeConflictException(node.Host, node.HypervisorHostname,
                    $"Compute node record id {id} exists already (host {node.Host} node {node.HypervisorHostname}).");
            }

            return ValueTask.FromResult(stored);
        }
    }

    public ValueTask<ComputeNode> UpdateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_records.TryGetValue(node.Id, out var current))
            {
                throw new ComputeNodeConflictException(node.Host, node.HypervisorHostname,
                    $"Compute host {node.Host} node {node.HypervisorHostname} could not be found. Record id {node.Id} was deleted by another writer, or never stored.");
            }

            if (current.Revision != node.Revision)
            {
                throw new ComputeNodeConflictException(node.Host, node.HypervisorHostname,
                    $"Compute host {node.Host} node {node.HypervisorHostname} was changed by another writer (revision {current.Revision}, expected {node.Revision}).");
            }

            var stored = node with { Revision = current.Revision + 1, Uuid = current.Uuid };
            _records[node.Id] = stored;
            return ValueTask.FromResult(stored);
        }
    }

    public ValueTask DeleteAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _records.Remove(node.Id);
        }

        return ValueTask.CompletedTask;
    }
}
