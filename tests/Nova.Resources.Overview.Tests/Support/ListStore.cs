using Nova.Resources.Tracking;

namespace Nova.Resources.Overview.Tests.Support;

/// <summary>A list of records behind the store contract, for the view-model and endpoint tests.</summary>
internal sealed class ListStore : IComputeNodeStore
{
    private readonly Lock _gate = new();
    private readonly List<ComputeNode> _nodes = [];
    private long _nextId = 1;

    public Exception? FailWith { get; set; }

    public ComputeNode Add(ComputeNode node)
    {
        lock (_gate)
        {
            var stored = node with { Id = _nextId++, Uuid = node.Uuid == Guid.Empty ? Guid.NewGuid() : node.Uuid, Revision = 1 };
            _nodes.Add(stored);
            return stored;
        }
    }

    public void Remove(string host)
    {
        lock (_gate)
        {
            _nodes.RemoveAll(n => n.Host == host);
        }
    }

    public ValueTask<IReadOnlyList<ComputeNode>> GetByHostAsync(string host, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new([.. _nodes.Where(n => n.Host == host)]);
        }
    }

    public ValueTask<IReadOnlyList<ComputeNode>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (FailWith is { } failure)
        {
            return ValueTask.FromException<IReadOnlyList<ComputeNode>>(failure);
        }

        lock (_gate)
        {
            return new([.. _nodes]);
        }
    }

    public async ValueTask<ClusterStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
        => ClusterStatistics.Sum(await ListAsync(cancellationToken));

    public ValueTask<ComputeNode> CreateAsync(ComputeNode node, CancellationToken cancellationToken = default) => new(Add(node));

    public ValueTask<ComputeNode> UpdateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            int i = _nodes.FindIndex(n => n.Id == node.Id);
            var stored = node with { Revision = node.Revision + 1 };
            _nodes[i] = stored;
            return new(stored);
        }
    }

    public ValueTask DeleteAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _nodes.RemoveAll(n => n.Id == node.Id);
        }

        return ValueTask.CompletedTask;
    }
}
