using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>
/// The in-memory store with faults on request: the next create, update, save (either), delete or read throws; the
/// next update is stored but throws as if its reply were lost; the next save hangs until released or cancelled; or any
/// save fails at random. Counts calls and injected faults.
/// </summary>
internal sealed class TestStore : IComputeNodeStore
{
    private readonly InMemoryComputeNodeStore _inner = new();
    private readonly Lock _gate = new();
    private readonly Queue<Exception> _failCreate = new();
    private readonly Queue<Exception> _failUpdate = new();
    private readonly Queue<Exception> _loseUpdateReply = new();
    private readonly Queue<Exception> _failSave = new();
    private readonly Queue<Exception> _failDelete = new();
    private readonly Queue<Exception> _failGet = new();
    private TaskCompletionSource? _hangSave;
    private TaskCompletionSource? _hung;
    private TaskCompletionSource? _saveReached;

    public int Gets { get; private set; }

    public int Creates { get; private set; }

    public int Updates { get; private set; }

    public int Deletes { get; private set; }

    /// <summary>Gets the number of creates and updates.</summary>
    public int Saves => Creates + Updates;

    public int FaultsInjected { get; private set; }

    /// <summary>Gets or sets the chance (0..1) that any save fails on its own (with <see cref="Random"/>).</summary>
    public double SaveFailureRate { get; set; }

    public Random Random { get; } = new(17);

    public void FailNextCreate(Exception exception) => Enqueue(_failCreate, exception);

    public void FailNextUpdate(Exception exception) => Enqueue(_failUpdate, exception);

    /// <summary>Stores the next update, then throws <paramref name="exception"/>: the connection died after the commit.</summary>
    public void LoseNextUpdateReply(Exception exception) => Enqueue(_loseUpdateReply, exception);

    /// <summary>Fails the next create or update, whichever comes first.</summary>
    public void FailNextSave(Exception exception) => Enqueue(_failSave, exception);

    public void FailNextDelete(Exception exception) => Enqueue(_failDelete, exception);

    public void FailNextGet(Exception exception) => Enqueue(_failGet, exception);

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

    /// <summary>Lets the hung save (or the next one, when none has arrived yet) go on.</summary>
    public void ReleaseHungSave()
    {
        lock (_gate)
        {
            (_hangSave ?? _hung)?.TrySetResult();
        }
    }

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
        await BeforeSave(() => Creates++, _failCreate, cancellationToken);
        return await _inner.CreateAsync(node, cancellationToken);
    }

    public async ValueTask<ComputeNode> UpdateAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        await BeforeSave(() => Updates++, _failUpdate, cancellationToken);
        var stored = await _inner.UpdateAsync(node, cancellationToken);
        Count(() => { }, _loseUpdateReply);
        return stored;
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
            if (failures.TryDequeue(out failure))
            {
                FaultsInjected++;
            }
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    private async Task BeforeSave(Action count, Queue<Exception> failures, CancellationToken cancellationToken)
    {
        Exception? failure;
        TaskCompletionSource? hang;
        lock (_gate)
        {
            count();
            if (!failures.TryDequeue(out failure) && !_failSave.TryDequeue(out failure)
                && SaveFailureRate > 0 && Random.NextDouble() < SaveFailureRate)
            {
                failure = new IOException("injected: the database is unreachable");
            }

            if (failure is not null)
            {
                FaultsInjected++;
            }

            hang = _hangSave;
            _hangSave = null;
            if (hang is not null)
            {
                _hung = hang;
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
