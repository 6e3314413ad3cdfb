namespace Nova.Resources.Testing;

/// <summary>Injected failures and hangs, call counts, and the plumbing every call goes through.</summary>
public sealed partial class FakeComputeDriver
{
    /// <summary>Makes the next call of <paramref name="method"/> throw <paramref name="exception"/>; calls queue in order.</summary>
    /// <param name="method">The method.</param>
    /// <param name="exception">The exception to throw.</param>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined value.</exception>
    public void FailNextCall(FakeComputeDriverMethod method, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        int index = Index(method);
        lock (_gate)
        {
            _failures[index].Enqueue(exception);
        }
    }

    /// <summary>
    /// Makes the next call of <paramref name="method"/> wait until <see cref="ReleaseHungCalls"/> is called or
    /// the call's cancellation token is cancelled (the call then throws <see cref="OperationCanceledException"/>).
    /// A failure set with <see cref="FailNextCall"/> is thrown after the release.
    /// </summary>
    /// <param name="method">The method.</param>
    /// <returns>A task that completes when that call has started and is waiting.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined value.</exception>
    public Task HangNextCall(FakeComputeDriverMethod method)
    {
        int index = Index(method);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _hangs[index].Enqueue(arrived);
        }

        return arrived.Task;
    }

    /// <summary>Lets every call waiting because of <see cref="HangNextCall"/> go on; hangs no call has reached yet are dropped (their tasks are cancelled).</summary>
    public void ReleaseHungCalls()
    {
        TaskCompletionSource[] hung;
        List<TaskCompletionSource> unused = [];
        lock (_gate)
        {
            hung = [.. _hung];
            _hung.Clear();
            foreach (var queue in _hangs)
            {
                unused.AddRange(queue);
                queue.Clear();
            }
        }

        foreach (var call in hung)
        {
            call.TrySetResult();
        }

        foreach (var arrived in unused)
        {
            arrived.TrySetCanceled();
        }
    }

    /// <summary>Returns how many times <paramref name="method"/> has been called, including calls that failed or hang.</summary>
    /// <param name="method">The method.</param>
    /// <returns>The number of calls.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined value.</exception>
    public int GetCallCount(FakeComputeDriverMethod method) => Volatile.Read(ref _callCounts[Index(method)]);

    /// <summary>Sets every call count back to zero.</summary>
    public void ResetCallCounts()
    {
        for (int i = 0; i < _callCounts.Length; i++)
        {
            Interlocked.Exchange(ref _callCounts[i], 0);
        }
    }

    private static int Index(FakeComputeDriverMethod method)
    {
        if ((uint)method >= (uint)MethodCount)
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Not a method of the fake driver.");
        }

        return (int)method;
    }

    /// <summary>Counts a call, then fails it, holds it, or answers it, as the test asked.</summary>
    private ValueTask<T> Call<T>(FakeComputeDriverMethod method, Func<T> answer, CancellationToken cancellationToken)
    {
        int index = (int)method;
        Interlocked.Increment(ref _callCounts[index]);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        TaskCompletionSource? arrived;
        TaskCompletionSource release;
        lock (_gate)
        {
            if (!_hangs[index].TryDequeue(out arrived))
            {
                return _failures[index].TryDequeue(out var failure)
                    ? ValueTask.FromException<T>(failure)
                    : new ValueTask<T>(answer());
            }

            release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _hung.Add(release);
        }

        arrived.TrySetResult();
        return HangAsync(release, index, answer, cancellationToken);
    }

    private async ValueTask<T> HangAsync<T>(TaskCompletionSource release, int index, Func<T> answer, CancellationToken cancellationToken)
    {
        try
        {
            await release.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _hung.Remove(release);
            }
        }

        Exception? failure;
        lock (_gate)
        {
            _failures[index].TryDequeue(out failure);
        }

        return failure is null ? answer() : throw failure;
    }
}
