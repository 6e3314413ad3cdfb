using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Nova.Resources.Compute;

/// <summary>
/// Caches each node's last <see cref="HostResources"/> and reads the driver again only when asked to
/// refresh, when it has nothing yet, or when the cached value is older than
/// <see cref="ComputeResourceOptions.HostStatsMaxAge"/> (Nova's libvirt <c>HostState.get_host_stats</c>).
/// </summary>
/// <remarks>
/// <para>
/// Safe to use from several threads. Callers that need a node's resources while a read of that node is in
/// progress share it: the driver is called once, not once per caller. A read that fails leaves the previous
/// value in place and gives the exception to the callers that shared it; the next call reads again.
/// A caller that cancels stops waiting without cancelling the read for the others; the read itself is
/// cancelled only when every caller waiting for it has cancelled.
/// </para>
/// <para>A cache hit completes synchronously and allocates nothing.</para>
/// </remarks>
public sealed partial class HostState
{
    private readonly IComputeDriver _driver;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan? _maxAge;
    private readonly ConcurrentDictionary<string, NodeEntry> _nodes = new(StringComparer.Ordinal);

    /// <summary>Creates the cache over a driver.</summary>
    /// <param name="driver">The compute driver.</param>
    /// <param name="options">The options; <see cref="ComputeResourceOptions.HostStatsMaxAge"/> is read once, here.</param>
    /// <param name="timeProvider">The clock that ages cached values.</param>
    /// <param name="logger">The logger; <see langword="null"/> logs nothing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="driver"/>, <paramref name="options"/> or <paramref name="timeProvider"/> is null.</exception>
    /// <exception cref="OptionsValidationException">The options are not valid.</exception>
    public HostState(IComputeDriver driver, IOptions<ComputeResourceOptions> options, TimeProvider timeProvider, ILogger<HostState>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _driver = driver;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _maxAge = options.Value.HostStatsMaxAge;
    }

    /// <summary>Returns a node's resources, from the cache unless <paramref name="refresh"/> is set, nothing is cached, or the cached value is too old.</summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="refresh">Read the driver even when a value is cached.</param>
    /// <param name="cancellationToken">Stops this caller's wait; the read goes on for other callers.</param>
    /// <returns>The resources, or <see langword="null"/> when the driver does not support resource tracking.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeName"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>Any exception of the driver's read is passed on to every caller that shared that read.</remarks>
    public ValueTask<HostResources?> GetHostStatsAsync(string nodeName, bool refresh = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<HostResources?>(cancellationToken);
        }

        if (!refresh && _nodes.TryGetValue(nodeName, out var entry) && entry.Current is { } snapshot && !IsStale(snapshot))
        {
            return new ValueTask<HostResources?>(snapshot.Value);
        }

        return ReadAsync(nodeName, refresh, cancellationToken);
    }

    /// <summary>Forgets a node's cached resources, as the tracker does when the driver stops reporting the node.</summary>
    /// <param name="nodeName">The node.</param>
    /// <returns><see langword="true"/> when something was cached for the node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeName"/> is null.</exception>
    /// <remarks>A read of the node already in progress still completes for its callers, but is not cached.</remarks>
    public bool RemoveNode(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        bool removed = _nodes.TryRemove(nodeName, out _);
        if (removed)
        {
            Log.NodeRemoved(_logger, nodeName);
        }

        return removed;
    }

    private bool IsStale(Snapshot snapshot)
        => _maxAge is { } maxAge && _timeProvider.GetElapsedTime(snapshot.Timestamp) > maxAge;

    private async ValueTask<HostResources?> ReadAsync(string nodeName, bool refresh, CancellationToken cancellationToken)
    {
        var entry = _nodes.GetOrAdd(nodeName, static _ => new NodeEntry());
        Refresh flight;
        bool start = false;
        lock (entry.Gate)
        {
            var current = entry.Current;
            if (!refresh && current is not null)
            {
                if (!IsStale(current))
                {
                    // Another caller's read completed while this one was on its way here.
                    return current.Value;
                }

                Log.CacheExpired(_logger, nodeName, _maxAge);
            }

            var inFlight = entry.InFlight;
            if (inFlight is null || inFlight.Abandoned)
            {
                inFlight = new Refresh(++entry.LastSequence);
                entry.InFlight = inFlight;
                start = true;
            }

            flight = inFlight;

            flight.Waiters++;
        }

        if (start)
        {
            _ = RunAsync(nodeName, entry, flight);
        }

        try
        {
            return await flight.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Leave(nodeName, entry, flight);
        }
    }

    private void Leave(string nodeName, NodeEntry entry, Refresh flight)
    {
        bool abandon;
        lock (entry.Gate)
        {
            abandon = --flight.Waiters == 0 && !flight.Completion.Task.IsCompleted && !flight.Abandoned;
            if (abandon)
            {
                flight.Abandoned = true;
            }
        }

        if (abandon)
        {
            Log.RefreshAbandoned(_logger, nodeName);
            flight.Cancel();
        }
    }

    private async Task RunAsync(string nodeName, NodeEntry entry, Refresh flight)
    {
        HostResources? resources = null;
        Exception? error = null;
        try
        {
            Log.Refreshing(_logger, nodeName);
            resources = await _driver.GetAvailableResourceAsync(nodeName, flight.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error = ex;
        }

        lock (entry.Gate)
        {
            if (error is null && (entry.Current is null || entry.Current.Sequence < flight.Sequence))
            {
                entry.Current = new Snapshot(resources, _timeProvider.GetTimestamp(), flight.Sequence);
            }

            if (ReferenceEquals(entry.InFlight, flight))
            {
                entry.InFlight = null;
            }
        }

        if (error is null)
        {
            flight.Completion.TrySetResult(resources);
        }
        else if (error is OperationCanceledException canceled && flight.IsCancellationRequested)
        {
            flight.Completion.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            Log.RefreshFailed(_logger, nodeName, error);
            flight.Completion.TrySetException(error);

            // The waiters (if any are left) get the exception; when every one gave up, nobody would observe it.
            _ = flight.Completion.Task.Exception;
        }

        flight.Dispose();
    }

    private sealed class NodeEntry
    {
        public readonly Lock Gate = new();
        public volatile Snapshot? Current;
        public Refresh? InFlight;
        public long LastSequence;
    }

    private sealed class Snapshot(HostResources? value, long timestamp, long sequence)
    {
        public HostResources? Value { get; } = value;

        public long Timestamp { get; } = timestamp;

        public long Sequence { get; } = sequence;
    }

    /// <summary>One read of the driver, shared by every caller that waits for it.</summary>
    private sealed class Refresh(long sequence) : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new();

        public long Sequence { get; } = sequence;

        public TaskCompletionSource<HostResources?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Gets or sets the number of callers waiting; guarded by the node's gate.</summary>
        public int Waiters { get; set; }

        /// <summary>Gets or sets a value indicating whether every caller stopped waiting; guarded by the node's gate.</summary>
        public bool Abandoned { get; set; }

        public CancellationToken Token => _cancellation.Token;

        public bool IsCancellationRequested => _cancellation.IsCancellationRequested;

        public void Cancel()
        {
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The read completed in the meantime; nothing to cancel.
            }
        }

        public void Dispose() => _cancellation.Dispose();
    }
}
