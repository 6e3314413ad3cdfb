using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Nova.Resources.Libvirt;

/// <summary>
/// Runs the driver's blocking reads on the thread pool so that no caller waits past its cancellation or past
/// <see cref="LibvirtDriverOptions.CallTimeout"/> for one blocking call. A native call cannot be interrupted:
/// when its caller gives up, it finishes in the background, and until it returns every new call on the same
/// connection fails at once naming it, instead of piling up behind it.
/// </summary>
internal sealed class LibvirtCallGuard
{
    private readonly string _uri;
    private readonly ILogger _logger;
    private readonly LibvirtWatchdog _watchdog;
    private StuckCall? _stuck;

    public LibvirtCallGuard(string uri, TimeSpan callTimeout, TimeProvider timeProvider, ILogger logger)
    {
        _uri = uri;
        CallTimeout = callTimeout;
        TimeProvider = timeProvider;
        _logger = logger;
        _watchdog = new LibvirtWatchdog(this);
    }

    /// <summary>How long a caller off the thread pool spins for the result before it is handed the task.</summary>
    private static readonly TimeSpan SyncSpin = TimeSpan.FromMicroseconds(50);

    /// <summary>Gets how long one blocking call may take before its caller is released.</summary>
    public TimeSpan CallTimeout { get; }

    /// <summary>Gets the clock of the deadlines.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Runs <paramref name="work"/> on the thread pool and waits for it within the caller's limits.</summary>
    /// <exception cref="TimeoutException">One blocking call took longer than the timeout, or an earlier one is still stuck.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// The work's own task is what the caller awaits: it completes on the pool thread that ran the work, or on the
    /// watchdog's or the canceller's thread when the caller stops waiting first. No timer is made per call.
    /// </remarks>
    public ValueTask<T> RunAsync<TState, T>(string name, TState state, Func<TState, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        if (Volatile.Read(ref _stuck) is { } stuck)
        {
            return ValueTask.FromException<T>(StuckError(name, stuck));
        }

        var operation = new LibvirtOperation<TState, T>(this, state, work, cancellationToken);
        _watchdog.Watch(operation);
        operation.Start();
        if (!Thread.CurrentThread.IsThreadPoolThread)
        {
            SpinForResult(operation.Task, cancellationToken);
        }

        return new ValueTask<T>(operation.Task);
    }

    /// <summary>
    /// A caller off the thread pool (a console's or a UI's thread, a benchmark's) usually blocks on the result: it
    /// spins for about one local read (<see cref="SyncSpin"/>) before it is handed the task, so that it takes a quick
    /// result awake rather than going to sleep and being woken by the pool thread (2–4 µs, a tenth of a local read).
    /// A remote read takes milliseconds and is simply waited for after the spin. Cancellation ends the spin at once.
    /// </summary>
    private static void SpinForResult(Task task, CancellationToken cancellationToken)
    {
        // Short, even spins (SpinWait's grow to microseconds, which would be the latency saved); none on one core,
        // where spinning would only keep the pool thread from running the read.
        long start = Stopwatch.GetTimestamp();
        while (Environment.ProcessorCount > 1 && !task.IsCompleted && !cancellationToken.IsCancellationRequested
            && Stopwatch.GetElapsedTime(start) < SyncSpin)
        {
            Thread.SpinWait(20);
        }
    }

    /// <summary>The watchdog found <paramref name="operation"/> inside one blocking call for the whole timeout: its caller goes.</summary>
    internal void Expire(LibvirtOperation operation)
    {
        if (operation.Function is { } function)
        {
            StopWaiting(operation, new TimeoutException(string.Format(
                CultureInfo.InvariantCulture,
                "{0} on {1} did not return within {2} (Libvirt:CallTimeout). It goes on in the background; "
                + "calls on this connection fail at once until it returns.",
                function,
                _uri,
                CallTimeout)));
        }
    }

    /// <summary>The caller's token was cancelled while <paramref name="operation"/> ran: its caller goes.</summary>
    internal void Cancel(LibvirtOperation operation, CancellationToken cancellationToken) =>
        StopWaiting(operation, new OperationCanceledException(cancellationToken));

    /// <summary>The operation finished (or its caller went): the watchdog forgets it.</summary>
    internal void Finished(LibvirtOperation operation) => _watchdog.Forget(operation);

    /// <summary>Throws when an abandoned call other than <paramref name="operation"/>'s has not returned yet.</summary>
    internal void ThrowIfStuck(string function, LibvirtOperation operation)
    {
        if (Volatile.Read(ref _stuck) is { } stuck && stuck.Operation != operation)
        {
            throw StuckError(function, stuck);
        }
    }

    /// <summary>The abandoned <paramref name="operation"/>'s blocking call returned: new calls may go ahead.</summary>
    internal void Released(LibvirtOperation operation)
    {
        if (Volatile.Read(ref _stuck) is { } stuck && stuck.Operation == operation
            && Interlocked.CompareExchange(ref _stuck, null, stuck) == stuck)
        {
            Log.CallReturned(_logger, stuck.Function, _uri, TimeProvider.GetElapsedTime(stuck.StartedAt).TotalSeconds);
        }
    }

    /// <summary>
    /// Releases the caller with <paramref name="error"/> unless the work finished first; the work is marked abandoned
    /// before the caller resumes, so that the caller's next call sees it stuck.
    /// </summary>
    private void StopWaiting(LibvirtOperation operation, Exception error)
    {
        if (operation.TryClaim())
        {
            Abandon(operation);
            operation.StopWaiting(error);
        }
    }

    private void Abandon(LibvirtOperation operation)
    {
        long startedAt = operation.StartedAt;
        string? function = operation.Abandon();
        if (function is null)
        {
            return;
        }

        var stuck = new StuckCall(operation, function, startedAt);
        if (Interlocked.CompareExchange(ref _stuck, stuck, null) is null)
        {
            Log.CallAbandoned(_logger, function, _uri, TimeProvider.GetElapsedTime(startedAt).TotalSeconds);

            // The call may have returned between the two reads, before it could see that it was abandoned.
            if (operation.Function is null)
            {
                Released(operation);
            }
        }
    }

    private TimeoutException StuckError(string function, StuckCall stuck) => new(string.Format(
        CultureInfo.InvariantCulture,
        "{0} was not called: {1} on {2} has not returned for {3:0.#} s (Libvirt:CallTimeout is {4}); "
        + "calls on this connection resume once it returns.",
        function,
        stuck.Function,
        _uri,
        TimeProvider.GetElapsedTime(stuck.StartedAt).TotalSeconds,
        CallTimeout));

    /// <summary>A blocking call whose caller stopped waiting, and when it started.</summary>
    private sealed record StuckCall(LibvirtOperation Operation, string Function, long StartedAt);
}
