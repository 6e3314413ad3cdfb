using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Reliability;

/// <summary>
/// The in-memory store with faults on request: the next save (create or update) or delete throws, or hangs until
/// released or cancelled. Counts calls and faults.
/// </summary>
internal sealed class FaultyStore : IComputeNodeStore
{
    private readonly InMemoryComputeNodeStore _inner = new();
    private readonly Lock _gate = new();
    private readonly Queue<Exception> _failSave = new();
    private readonly Queue<Exception> _failDelete = new();
    private TaskCompletionSource? _hangSave;
    private TaskCompletionSource? _hung;
    private TaskCompletionSource? _saveReached;

    public int Saves { get; private set; }

    public int Deletes { get; private set; }

    public int FaultsInjected { get; private set; }

    /// <summary>Gets or sets the chance (0..1) that any save fails on its own (with <see cref="Random"/>).</summary>
    public double SaveFailureRate { get; set; }

    public Random Random { get; } = new(17);

    public void FailNextSave(Exception exception)
    {
        lock (_gate)
        {
            _failSave.Enqueue(exception);
        }
    }

    public void FailNextDelete(Exception exception)
    {
        lock (_gate)
        {
            _failDelete.Enqueue(exception);
        }
    }

    /// <summary>The next save waits for <see cref="ReleaseHungSave"/> or its token; the task completes when it waits.</summary>
    public Task HangNextSave()
    {
        lock (_gate)
        {
            _hangSave = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _saveReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _saveReached.Task;
        }
    }

    public void ReleaseHungSave()
    {
        lock (_gate)
        {
            (_hangSave ?? _hung)?.TrySetResult();
        }
    }

    public ValueTask<IReadOnlyList<ComputeNode>> GetByHostAsync(string host, CancellationToken cancellationToken = default)
        => _inner.GetByHostAsync(host, cancellationToken);

    public ValueTask<IReadOnlyList<ComputeNode>> ListAsync(CancellationToken cancellationToken = default)
        => _inner.ListAsync(cancellationToken);

    public ValueTask<ClusterStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
        => _inner.GetStatisticsAsync(cancellationToken);

    public async ValueTask<ComputeNode> CreateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        await BeforeSave(cancellationToken);
        return await _inner.CreateAsync(node, cancellationToken);
    }

    public async ValueTask<ComputeNode> UpdateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        await BeforeSave(cancellationToken);
        return await _inner.UpdateAsync(node, cancellationToken);
    }

    public async ValueTask DeleteAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        Exception? failure;
        lock (_gate)
        {
            Deletes++;
            if (_failDelete.TryDequeue(out failure))
            {
                FaultsInjected++;
            }
        }

        if (failure is not null)
        {
            throw failure;
        }

        await _inner.DeleteAsync(node, cancellationToken);
    }

    private async Task BeforeSave(CancellationToken cancellationToken)
    {
        Exception? failure;
        TaskCompletionSource? hang;
        lock (_gate)
        {
            Saves++;
            if (!_failSave.TryDequeue(out failure) && SaveFailureRate > 0 && Random.NextDouble() < SaveFailureRate)
            {
                failure = new IOException("injected: the database is unreachable");
            }

            if (failure is not null)
            {
                FaultsInjected++;
            }

            hang = _hangSave;
            _hangSave = null;
            _hung = hang ?? _hung;
            if (hang is not null)
            {
                FaultsInjected++;
                _saveReached!.TrySetResult();
            }
        }

        if (hang is not null)
        {
            await hang.Task.WaitAsync(cancellationToken);
        }

        if (failure is not null)
        {
            throw failure;
        }
    }
}
