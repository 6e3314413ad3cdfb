using System.Net;
using Nova.Resources.Compute;

namespace Nova.Resources.Tracking;

/// <summary>
/// The audit, top to bottom: the driver's snapshot through <see cref="HostState"/> (outside the lock), the usage summed
/// from the instances (under the lock), the record saved, then the reporters and the audit observers (outside the lock).
/// </summary>
public sealed partial class ResourceTracker
{
    private static readonly IReadOnlyList<InstanceRequest> NoInstances = [];
    private static readonly IReadOnlyDictionary<string, long> NoStats = System.Collections.ObjectModel.ReadOnlyDictionary<string, long>.Empty;

    /// <summary>
    /// Audits the node (Nova's <c>ResourceTracker.update_available_resource</c>): reads its resources from the
    /// driver, recomputes what the reservations, instances, claims and orphan instances use, and saves the record
    /// when it changed. The options are read once, at the start.
    /// </summary>
    /// <param name="cancellationToken">Cancels the audit; the last good record stays.</param>
    /// <returns>A task that completes when the audit is done.</returns>
    /// <exception cref="InvalidHostResourcesException">The driver reported resources without a required value.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">
    /// The manager replaced this tracker (<see cref="IsRetired"/>), or <see cref="ComputeResourceOptions.VcpuPinSet"/> names
    /// a CPU the hypervisor does not report (<c>Invalid vcpu_pin_set config, out of hypervisor cpu range. ...</c>).
    /// </exception>
    /// <remarks>
    /// Any exception of the driver, the instance source, the ledger or the store is passed on; nothing changes in memory
    /// then. The saved record is then passed to every <see cref="IComputeNodeReporter"/>; a reporter's exception is logged,
    /// counted and kept in <see cref="LastReportError"/>. Every finished audit's outcome, succeeded or failed, is then
    /// passed to every <see cref="IAuditObserver"/>; an observer's exception is logged and changes nothing.
    /// </remarks>
    public Task UpdateAvailableResourceAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfRetired();
        var options = _services.Options();
        return UpdateAsync(options, HostName.Resolve(options), cancellationToken);
    }

    /// <summary>
    /// Audits the node with options the caller read once (the manager reads them once for every node), and keeps the
    /// outcome as <see cref="LastAudit"/>.
    /// </summary>
    internal async Task UpdateAsync(ComputeResourceOptions options, string host, CancellationToken cancellationToken)
    {
        ThrowIfRetired();
        var clock = _services.TimeProvider;
        long started = clock.GetTimestamp();
        ComputeNode? saved;
        try
        {
            saved = await AuditAsync(options, host, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A cancelled audit is neither a success nor a failure.
            throw;
        }
        catch (Exception ex)
        {
            var failure = Finish(new AuditResult(clock.GetUtcNow(), clock.GetElapsedTime(started), ex));
            await ObserveAsync(host, failure, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var success = Finish(new AuditResult(clock.GetUtcNow(), clock.GetElapsedTime(started)));
        if (saved is not null)
        {
            await ReportAsync(saved, cancellationToken).ConfigureAwait(false);
        }

        await ObserveAsync(host, success, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps a finished audit's outcome as <see cref="LastAudit"/> and counts it.</summary>
    private AuditResult Finish(AuditResult result)
    {
        _lastAudit = result;
        _services.Metrics.AuditCompleted(NodeTag, result.Duration, !result.Succeeded);
        return result;
    }

    private async Task<ComputeNode?> AuditAsync(ComputeResourceOptions options, string host, CancellationToken cancellationToken)
    {
        Log.Auditing(_logger, host, NodeName);

        // Everything the driver says is read before the node's lock: a slow hypervisor never holds up claims.
        var snapshot = await _services.HostState.GetNodeSnapshotAsync(NodeName, cancellationToken).ConfigureAwait(false);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfRetired();
            if (snapshot is null)
            {
                Log.TrackingDisabled(_logger);
                SetRecord(null);
                _usageSources = null;
                _tracked.Clear();
                return null;
            }

            return await Audit_NeedsLock(options, host, snapshot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<ComputeNode> Audit_NeedsLock(ComputeResourceOptions options, string host, NodeSnapshot snapshot, CancellationToken cancellationToken)
    {
        var resources = snapshot.Resources;
        var hostIp = (string.IsNullOrEmpty(options.MyIp) ? null : IPAddress.Parse(options.MyIp)) ?? resources.HostIp ?? _services.DetectedHostIp;
        resources.Verify();
        resources = HostCpuSets.Apply(resources, options);
        ResourceView.ReportHypervisor(_logger, NodeName, resources);

        var instances = _services.InstanceSource is { } source
            ? await source.GetInstancesAsync(host, NodeName, cancellationToken).ConfigureAwait(false)
            : NoInstances;
        var committed = await _services.Ledger.GetInstancesAsync(host, NodeName, cancellationToken).ConfigureAwait(false);
        var previous = _computeNode;
        if (previous is null || _reloadRecord || !string.Equals(previous.Host, host, StringComparison.Ordinal))
        {
            previous = await FindRecordAsync(host, cancellationToken).ConfigureAwait(false);
            _reloadRecord = false;
        }

        var usage = NodeUsage.Sum(options, instances, committed, _claims.Values.Select(claim => claim.Request), snapshot.Instances, previous?.Stats ?? NoStats);
        foreach (var bad in usage.Skipped)
        {
            Log.InstanceSkipped(_logger, bad.Uuid ?? "(none)", bad.Origin, NodeName, bad.Problem);
        }

        foreach (var orphan in usage.Orphans)
        {
            Log.OrphanInstance(_logger, orphan.Uuid, orphan.MemoryMb);
        }

        var record = AuditRecord.Build(previous, host, NodeName, resources, usage, options, hostIp, _services.TimeProvider.GetUtcNow());
        ResourceView.ReportFinal(_logger, record);
        if (previous is null)
        {
            record = await _services.Store.CreateAsync(record with { UpdatedAt = null }, cancellationToken).ConfigureAwait(false);
            Log.RecordCreated(_logger, host, NodeName);
        }
        else if (record.Equals(previous))
        {
            record = previous;
        }
        else
        {
            record = await Save_NeedsLock(record, cancellationToken).ConfigureAwait(false);
        }

        _usageSources = AuditUsageSources.Of(options, usage, resources);
        SetRecord(record);
        _tracked = usage.Tracked;
        Log.RecordUpdated(_logger, host, NodeName);
        return record;
    }

    private async ValueTask<ComputeNode?> FindRecordAsync(string host, CancellationToken cancellationToken)
    {
        var records = await _services.Store.GetByHostAsync(host, cancellationToken).ConfigureAwait(false);
        foreach (var record in records)
        {
            if (string.Equals(record.HypervisorHostname, NodeName, StringComparison.Ordinal))
            {
                return record;
            }
        }

        return null;
    }

    /// <summary>
    /// Passes a finished audit's outcome to every <see cref="IAuditObserver"/>, outside the node's lock. An observer's
    /// exception is logged; it never fails the audit nor changes <see cref="LastAudit"/>.
    /// </summary>
    private async ValueTask ObserveAsync(string host, AuditResult result, CancellationToken cancellationToken)
    {
        if (_services.AuditObservers.Count == 0)
        {
            return;
        }

        await Reporters.CallEachAsync(
            _services.AuditObservers,
            observer => observer.AuditedAsync(host, NodeName, result, cancellationToken),
            (observer, ex) => Log.ObserveFailed(_logger, ex, observer.GetType().Name, host, NodeName),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Passes an audit's saved record to every reporter, outside the node's lock. A reporter's exception is logged,
    /// counted and kept in <see cref="LastReportError"/>; it never fails the audit.
    /// </summary>
    private async ValueTask ReportAsync(ComputeNode record, CancellationToken cancellationToken)
    {
        _lastReportError = await Reporters.CallEachAsync(
            _services.Reporters,
            reporter => reporter.ReportAsync(record, cancellationToken),
            (reporter, ex) =>
            {
                Log.ReportFailed(_logger, ex, reporter.GetType().Name, record.Host, NodeName);
                _services.Metrics.ReportFailed(NodeTag);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
