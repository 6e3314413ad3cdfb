namespace Nova.Resources.Libvirt;

/// <summary>
/// One driver call running on a thread-pool thread: which blocking call (a libvirt function or
/// <c>statvfs</c>) it is inside and since when, and whether its caller has stopped waiting for it. The
/// connection and domain code mark their native calls with <see cref="Begin"/> and <see cref="End"/>; the
/// operation is found through the thread it runs on, so nothing below the driver holds a reference upwards.
/// </summary>
internal abstract class LibvirtOperation
{
    [ThreadStatic]
    private static LibvirtOperation? t_current;

    private readonly LibvirtCallGuard _guard;
    private int _claimed;
    private string? _function;
    private long _startedAt;
    private volatile bool _abandoned;

    internal LibvirtOperation(LibvirtCallGuard guard) => _guard = guard;

    /// <summary>Gets the blocking call in progress, or <see langword="null"/> between calls.</summary>
    public string? Function => Volatile.Read(ref _function);

    /// <summary>Gets the timestamp (of the guard's <see cref="TimeProvider"/>) at which <see cref="Function"/> started.</summary>
    public long StartedAt => Volatile.Read(ref _startedAt);

    /// <summary>Gets a value indicating whether the caller stopped waiting (its deadline or its cancellation).</summary>
    public bool IsAbandoned => _abandoned;

    /// <summary>
    /// Marks the start of a blocking call on this thread's operation. Throws when another operation on the same
    /// connection is stuck inside libvirt, so that no call piles up behind it.
    /// </summary>
    /// <param name="function">The call, such as <c>virNodeGetInfo</c>.</param>
    /// <exception cref="TimeoutException">A call abandoned by its caller has not returned yet.</exception>
    public static void Begin(string function)
    {
        if (t_current is { } operation)
        {
            if (operation._abandoned)
            {
                throw new OperationCanceledException("The caller stopped waiting for this libvirt read.");
            }

            operation._guard.ThrowIfStuck(function, operation);
            Volatile.Write(ref operation._startedAt, operation._guard.TimeProvider.GetTimestamp());
            Volatile.Write(ref operation._function, function);
        }
    }

    /// <summary>Marks the end of the blocking call; stops the work when its caller has gone.</summary>
    /// <exception cref="OperationCanceledException">The caller stopped waiting while the call ran.</exception>
    public static void End()
    {
        if (t_current is { } operation)
        {
            // A full fence: the caller abandons first and reads the function second, the reverse of this order.
            Interlocked.Exchange(ref operation._function, null);
            if (operation._abandoned)
            {
                operation._guard.Released(operation);
                throw new OperationCanceledException("The caller stopped waiting for this libvirt read.");
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> with <paramref name="state"/> as the operation of the current thread.</summary>
    internal T Run<TState, T>(TState state, Func<TState, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        t_current = this;
        try
        {
            return work(state, cancellationToken);
        }
        finally
        {
            t_current = null;
            if (_abandoned)
            {
                // However the work ended (a call that threw rather than returned), it no longer blocks the connection.
                _guard.Released(this);
            }
        }
    }

    /// <summary>Gets the guard the operation runs under.</summary>
    private protected LibvirtCallGuard Guard => _guard;

    /// <summary>
    /// Claims the caller's task for completion: exactly one of the work and the parties that stop waiting (the
    /// watchdog, the caller's token) wins, so the caller sees either the work's outcome or why it stopped waiting.
    /// </summary>
    internal bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    /// <summary>Completes the caller's task with why it stopped waiting (after <see cref="TryClaim"/>).</summary>
    public abstract void StopWaiting(Exception error);

    /// <summary>The caller stopped waiting; returns the blocking call in progress, if any.</summary>
    internal string? Abandon()
    {
        _abandoned = true;
        return Interlocked.CompareExchange(ref _function, null, null);
    }
}

/// <summary>
/// An operation with its work and the task its caller awaits, queued to the thread pool as its own work item (no
/// closure, no second task). The task completes once: with the work's result or error, or when the caller stops
/// waiting (<see cref="LibvirtOperation.TryClaim"/>).
/// </summary>
internal sealed class LibvirtOperation<TState, T>(
    LibvirtCallGuard guard, TState state, Func<TState, CancellationToken, T> work, CancellationToken cancellationToken)
    : LibvirtOperation(guard)
{
    private readonly TaskCompletionSource<T> _result = new();
    private CancellationTokenRegistration _cancellation;

    /// <summary>Gets the task the caller awaits.</summary>
    public Task<T> Task => _result.Task;

    /// <summary>Queues the work, after listening to the caller's token.</summary>
    public void Start()
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (operation, token) => ((LibvirtOperation<TState, T>)operation!).Guard.Cancel((LibvirtOperation)operation, token), this);
        }

        ThreadPool.QueueUserWorkItem(static operation => operation.Execute(), this, preferLocal: true);
    }

    /// <summary>Completes the caller's task with why it stopped waiting (after <see cref="LibvirtOperation.TryClaim"/>).</summary>
    public override void StopWaiting(Exception error)
    {
        Finish();
        _ = error is OperationCanceledException canceled
            ? _result.TrySetCanceled(canceled.CancellationToken)
            : _result.TrySetException(error);
    }

    private void Execute()
    {
        T result;
        try
        {
            result = Run(state, work, cancellationToken);
        }
        catch (Exception error)
        {
            if (TryClaim())
            {
                Finish();
                _result.TrySetException(error);
            }

            return;
        }

        if (TryClaim())
        {
            Finish();
            _result.TrySetResult(result);
        }
    }

    private void Finish()
    {
        Guard.Finished(this);

        // Unregister, not Dispose: a cancellation callback running now completes the caller's task on its own thread.
        _cancellation.Unregister();
    }
}
