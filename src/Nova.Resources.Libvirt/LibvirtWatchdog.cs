namespace Nova.Resources.Libvirt;

/// <summary>
/// One timer for all of a guard's running operations: it fires when the earliest blocking call in progress reaches
/// <see cref="LibvirtCallGuard.CallTimeout"/>, expires the calls past it and sets itself for the next. A call that
/// starts while the timer is already set for an earlier moment changes nothing, so back-to-back reads never touch the
/// timer; an idle guard's timer fires at most once more and then stays unset.
/// </summary>
internal sealed class LibvirtWatchdog
{
    private readonly LibvirtCallGuard _guard;
    private readonly List<LibvirtOperation> _running = [];
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private long _due = long.MaxValue;

    public LibvirtWatchdog(LibvirtCallGuard guard) => _guard = guard;

    /// <summary>Watches <paramref name="operation"/> from now until <see cref="Forget"/>.</summary>
    public void Watch(LibvirtOperation operation)
    {
        long now = _guard.TimeProvider.GetTimestamp();
        lock (_lock)
        {
            _running.Add(operation);
            SetFor(now, now + Ticks(_guard.CallTimeout));
        }
    }

    /// <summary>Stops watching <paramref name="operation"/>.</summary>
    public void Forget(LibvirtOperation operation)
    {
        lock (_lock)
        {
            _running.Remove(operation);
        }
    }

    private void Fire()
    {
        List<LibvirtOperation>? expired = null;
        long now = _guard.TimeProvider.GetTimestamp();
        long timeout = Ticks(_guard.CallTimeout);
        lock (_lock)
        {
            _due = long.MaxValue;
            long next = long.MaxValue;
            foreach (LibvirtOperation operation in _running)
            {
                // Between two calls (or before the first) an operation has a whole timeout ahead of it.
                long deadline = operation.Function is null ? now + timeout : operation.StartedAt + timeout;
                if (deadline <= now)
                {
                    (expired ??= []).Add(operation);
                }
                else
                {
                    next = Math.Min(next, deadline);
                }
            }

            if (next != long.MaxValue)
            {
                SetFor(now, next);
            }
        }

        // Outside the lock: expiring completes the caller's task, whose continuation may run here.
        foreach (LibvirtOperation operation in expired ?? [])
        {
            _guard.Expire(operation);
        }
    }

    /// <summary>Makes the timer fire at <paramref name="due"/> unless it already fires earlier (under the lock).</summary>
    private void SetFor(long now, long due)
    {
        if (due < _due)
        {
            _due = due;
            _timer ??= _guard.TimeProvider.CreateTimer(static watchdog => ((LibvirtWatchdog)watchdog!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(TimeSpan.FromSeconds((double)Math.Max(due - now, 0) / _guard.TimeProvider.TimestampFrequency), Timeout.InfiniteTimeSpan);
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _guard.TimeProvider.TimestampFrequency);
}
