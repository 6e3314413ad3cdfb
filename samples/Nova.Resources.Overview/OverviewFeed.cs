using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nova.Resources.Overview.Model;

namespace Nova.Resources.Overview;

/// <summary>
/// Reads the overview every <see cref="OverviewOptions.RefreshInterval"/> for every open page at once, and wakes the
/// pages' event streams after each read: with the new overview when it changed, with a tick when it did not.
/// </summary>
internal sealed class OverviewFeed(
    OverviewReader reader,
    TimeProvider timeProvider,
    IOptions<OverviewOptions> options,
    ILogger<OverviewFeed> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private FeedState _state = new(0, null, 0, []);
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _lastContent;
    private (int Count, long Vcpus, long MemoryMb, long LocalGb, long VcpusUsed, long MemoryMbUsed, long LocalGbUsed, long RunningVms)? _lastTotals;
    private PeriodicTimer? _timer;

    /// <summary>Gets the latest state.</summary>
    public FeedState Current
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Waits until the feed is past <paramref name="seenVersion"/>, then returns its state.</summary>
    /// <param name="seenVersion">The version the caller has; -1 for none.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A state with a different version.</returns>
    public async Task<FeedState> WaitAsync(long seenVersion, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_state.Version != seenVersion && _state.Version != 0)
                {
                    return _state;
                }

                next = _next.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the store once and publishes the result; the loop calls it every period.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the result is published.</returns>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        OverviewSnapshot? snapshot = null;
        string? error = null;
        try
        {
            snapshot = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.StoreReadFailed(logger, ex);
            error = ex.Message;
        }

        byte[]? content = snapshot is null ? null : JsonSerializer.SerializeToUtf8Bytes(snapshot with { GeneratedAt = default }, OverviewJsonContext.Default.OverviewSnapshot);
        var tick = JsonSerializer.SerializeToUtf8Bytes(new OverviewTick(timeProvider.GetUtcNow(), error), OverviewJsonContext.Default.OverviewTick);
        TaskCompletionSource woken;
        lock (_gate)
        {
            byte[]? payload = _state.Snapshot;
            long snapshotVersion = _state.SnapshotVersion;
            if (snapshot is not null && (_lastContent is null || !content.AsSpan().SequenceEqual(_lastContent)))
            {
                _lastContent = content;
                payload = JsonSerializer.SerializeToUtf8Bytes(snapshot, OverviewJsonContext.Default.OverviewSnapshot);
                snapshotVersion = _state.Version + 1;

                // Logged when the cluster's totals change (a host joins or leaves, capacity or usage moves), not for
                // every new audit time, which changes the page on every audit once audits are recorded.
                var totals = (snapshot.Count, snapshot.Vcpus, snapshot.MemoryMb, snapshot.LocalGb, snapshot.VcpusUsed, snapshot.MemoryMbUsed, snapshot.LocalGbUsed, snapshot.RunningVms);
                if (_lastTotals != totals)
                {
                    _lastTotals = totals;
                    Log.OverviewChanged(logger, snapshot.Count, snapshot.Vcpus, snapshot.MemoryMb, snapshot.LocalGb);
                }
            }

            _state = new FeedState(_state.Version + 1, payload, snapshotVersion, tick);
            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Created here, not in ExecuteAsync, so a fake clock's first advance is never missed.
        _timer = new PeriodicTimer(options.Value.RefreshInterval, timeProvider);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("The feed was not started.");
        try
        {
            do
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
