using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>The in-memory store, counting calls and failing the next ones on request.</summary>
internal sealed class TestStore : IComputeNodeStore
{
    private readonly InMemoryComputeNodeStore _inner = new();
    private readonly Queue<Exception> _failCreate = new();
    private readonly Queue<Exception> _failUpdate = new();
    private readonly Queue<Exception> _failDelete = new();
    private readonly Queue<Exception> _failGet = new();
    private readonly Lock _gate = new();

    public int Gets { get; private set; }

    public int Creates { get; private set; }

    public int Updates { get; private set; }

    public int Deletes { get; private set; }

    public void FailNextCreate(Exception exception) => Enqueue(_failCreate, exception);

    public void FailNextUpdate(Exception exception) => Enqueue(_failUpdate, exception);

    public void FailNextDelete(Exception exception) => Enqueue(_failDelete, exception);

    public void FailNextGet(Exception exception) => Enqueue(_failGet, exception);

    public async ValueTask<IReadOnlyList<ComputeNode>> GetByHostAsync(string host, CancellationToken cancellationToken = default)
    {
        Count(() => Gets++, _failGet);
        return await _inner.GetByHostAsync(host, cancellationToken);
    }

    public ValueTask<IReadOnlyList<ComputeNode>> ListAsync(CancellationToken cancellationToken = default)
        => _inner.ListAsync(cancellationToken);

    public ValueTask<ClusterStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
        => _inner.GetStatisticsAsync(cancellationToken);

    public async ValueTask<ComputeNode> CreateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        Count(() => Creates++, _failCreate);
        return await _inner.CreateAsync(node, cancellationToken);
    }

    public async ValueTask<ComputeNode> UpdateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        Count(() => Updates++, _failUpdate);
        return await _inner.UpdateAsync(node, cancellationToken);
    }

    public async ValueTask DeleteAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        Count(() => Deletes++, _failDelete);
        await _inner.DeleteAsync(node, cancellationToken);
    }

    private void Enqueue(Queue<Exception> queue, Exception exception)
    {
        lock (_gate)
        {
            queue.Enqueue(exception);
        }
    }

    private void Count(Action count, Queue<Exception> failures)
    {
        Exception? failure;
        lock (_gate)
        {
            count();
            failures.TryDequeue(out failure);
        }

        if (failure is not null)
        {
            throw failure;
        }
    }
}
