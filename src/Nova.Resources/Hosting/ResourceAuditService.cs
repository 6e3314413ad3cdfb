using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Nova.Resources.Hosting;

/// <summary>
/// Runs <see cref="ComputeResourceManager.UpdateAvailableResourceAsync"/> once while the host starts, before it
/// reports itself started (Nova's <c>pre_start_hook</c>), then every
/// <see cref="ComputeResourceOptions.UpdateResourcesInterval"/> (Nova's periodic task).
/// </summary>
/// <remarks>
/// <para>
/// The interval is read once, at start: zero means 60 seconds, a negative value means no periodic audit (the
/// start-up audit still runs). The first periodic audit runs one interval after the start-up audit.
/// </para>
/// <para>
/// A failing audit, at start-up or later, is logged (<c>Error during ComputeManager.update_available_resource</c>)
/// and tried again at the next period; it never stops the host or the loop. Unlike Nova, whose service fails to
/// start when its pre-start hook raises, a failed start-up audit does not stop the host: the trackers keep no
/// record until an audit succeeds, so claims are refused meanwhile. Stopping the host cancels the audit in
/// flight.
/// </para>
/// </remarks>
internal sealed class ResourceAuditService : BackgroundService
{
    internal const string TaskName = "update_available_resource";
    internal const string FullTaskName = "ComputeManager.update_available_resource";
    internal static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(60);

    private readonly ComputeResourceManager _manager;
    private readonly IOptionsMonitor<ComputeResourceOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private PeriodicTimer? _timer;

    public ResourceAuditService(
        ComputeResourceManager manager,
        IOptionsMonitor<ComputeResourceOptions> options,
        TimeProvider timeProvider,
        ILogger<ResourceAuditService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _manager = manager;
        _options = options;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the period of the periodic audit, or <see langword="null"/> before start or when it does not run.</summary>
    internal TimeSpan? Period => _timer?.Period;

    /// <summary>The period of the audit for an <c>update_resources_interval</c>, or <see langword="null"/> for none (oslo.service's rule).</summary>
    internal static TimeSpan? PeriodOf(TimeSpan interval)
        => interval < TimeSpan.Zero ? null
            : interval == TimeSpan.Zero ? DefaultInterval
            : interval;

    /// <summary>Runs the start-up audit, then starts the periodic loop (unless the interval is negative).</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var period = PeriodOf(_options.CurrentValue.UpdateResourcesInterval);

        // On the thread pool and awaited only until the token: a driver that blocks its caller cannot hold up the host's
        // start past its cancellation (HostOptions.StartupTimeout); the audit then finishes, or fails, in the background.
        await Task.Run(() => RunAuditAsync(cancellationToken), CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);

        if (period is not { } value)
        {
            Log.SkippingPeriodicTask(_logger, TaskName);
            return;
        }

        // Made here, not in ExecuteAsync, so that a fake clock advanced right after start-up is seen.
        _timer = new PeriodicTimer(value, _timeProvider);
        Log.PeriodicTaskScheduled(_logger, FullTaskName, value);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer!;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Log.RunningPeriodicTask(_logger, FullTaskName);
                await RunAuditAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task RunAuditAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _manager.UpdateAvailableResourceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Log.PeriodicTaskFailed(_logger, ex, FullTaskName);
        }
    }
}
