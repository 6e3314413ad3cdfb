using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Nova.Resources.Compute;

namespace Nova.Resources.Tracking;

/// <summary>
/// Keeps one node's compute-node record: what the hypervisor reports, minus what is reserved for the host and
/// what the node's instances and claims use (Nova's <c>ResourceTracker</c>). Get one from
/// <see cref="Hosting.ComputeResourceManager"/>.
/// </summary>
/// <remarks>
/// <para>
/// Audits, claims and drops of one node are serialised by one asynchronous lock (Nova's
/// <c>compute_resources</c> semaphore), so concurrent claims never exceed the limits. Every change is saved to
/// the <see cref="IComputeNodeStore"/> before it is made in memory: when the store or the driver fails, the
/// tracker keeps its last good record and changes nothing.
/// </para>
/// <para>
/// The instances an audit counts are those of the <see cref="IInstanceSource"/> (when the application provides
/// one) together with the claims made here and not yet dropped or aborted; instances the hypervisor runs that
/// nobody tracks count their memory only, as orphans.
/// </para>
/// </remarks>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim never creates its wait handle; trackers live as long as the host.")]
public sealed class ResourceTracker
{
    private static readonly IReadOnlyList<InstanceRequest> NoInstances = [];

    private readonly TrackerServices _services;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly NodeStats _stats = new();
    private readonly Dictionary<string, InstanceRequest> _claims = new(StringComparer.Ordinal);
    private Dictionary<string, InstanceRequest> _tracked = new(StringComparer.Ordinal);
    private Dictionary<string, InstanceRequest> _nextTracked = new(StringComparer.Ordinal);
    private volatile ComputeNode? _computeNode;
    private volatile AuditResult? _lastAudit;
    private volatile AuditUsage? _auditUsage;
    private bool _reloadRecord;
    private volatile bool _retired;
    private volatile Exception? _lastReportError;
    private ParsedOption<IPAddress>? _myIp;
    private ParsedOption<int>? _dedicatedCpus;

    internal ResourceTracker(string nodeName, TrackerServices services)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        ArgumentNullException.ThrowIfNull(services);
        NodeName = nodeName;
        _services = services;
        _logger = services.Logger;
        NodeTag = new KeyValuePair<string, object?>(ResourceMetrics.NodeTag, nodeName);
    }

    /// <summary>Gets the node's name (its <c>hypervisor_hostname</c>).</summary>
    public string NodeName { get; }

    /// <summary>
    /// Gets the node's current record: the last one saved, or <see langword="null"/> before the first audit and
    /// while the driver does not support resource tracking for the node.
    /// </summary>
    public ComputeNode? ComputeNode => _computeNode;

    /// <summary>
    /// Gets the outcome of the node's last finished audit (succeeded or failed, when, how long), or
    /// <see langword="null"/> before the first one finishes. A cancelled audit leaves it as it was.
    /// </summary>
    public AuditResult? LastAudit => _lastAudit;

    /// <summary>
    /// Gets where the current record's used memory, disk and vCPUs come from (reserved for the host, tracked instances
    /// and claims, orphan instances) beside what the hypervisor reported as used at the last audit; <see langword="null"/>
    /// while <see cref="ComputeNode"/> is.
    /// </summary>
    public UsageBreakdown? Usage
        => _computeNode is { } node && _auditUsage is { } audit
            ? new UsageBreakdown(
                audit.Memory.Explain(node.MemoryMbUsed),
                audit.Disk.Explain(node.LocalGbUsed),
                audit.Vcpus.Explain(node.VcpusUsed),
                audit.OrphanInstances)
            : null;

    /// <summary>
    /// Gets the exception of the last audit's report that failed (an <see cref="IComputeNodeReporter"/> threw), or
    /// <see langword="null"/> when every reporter took the last audit's record. A failed report never fails the audit.
    /// </summary>
    public Exception? LastReportError => _lastReportError;

    /// <summary>
    /// Gets a value indicating whether the manager replaced this tracker: the driver stopped reporting the node, and a
    /// tracker created when the node comes back counts the host's committed instances again. A retired tracker refuses
    /// every call with an <see cref="InvalidOperationException"/>, so it cannot write a record that disagrees with the
    /// current one.
    /// </summary>
    public bool IsRetired => _retired;

    internal KeyValuePair<string, object?> NodeTag { get; }

    /// <summary>
    /// Audits the node (Nova's <c>ResourceTracker.update_available_resource</c>): reads its resources from the
    /// driver, recomputes what the reservations, instances, claims and orphan instances use, and saves the record
    /// when it changed. The options are read once, at the start.
    /// </summary>
    /// <param name="cancellationToken">Cancels the audit; the last good record stays.</param>
    /// <returns>A task that completes when the audit is done.</returns>
    /// <exception cref="InvalidHostResourcesException">The driver reported resources without a required value.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">The manager replaced this tracker (<see cref="IsRetired"/>).</exception>
    /// <remarks>
    /// Any exception of the driver, the instance source, the ledger or the store is passed on; nothing changes in memory
    /// then. The saved record is then passed to every <see cref="IComputeNodeReporter"/>; a reporter's exception is logged,
    /// counted and kept in <see cref="LastReportError"/>.
    /// </remarks>
    public Task UpdateAvailableResourceAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfRetired();
        var options = _services.Options();
        return UpdateAsync(options, HostName.Resolve(options), cancellationToken);
    }

    /// <summary>
    /// Claims resources for a new instance (Nova's <c>instance_claim</c> with the classic memory, disk and vCPU
    /// test). The usage counts at once; commit the claim when the instance is built, or dispose it uncommitted to
    /// give the usage back (Nova's claim context manager).
    /// </summary>
    /// <param name="request">The instance and what it uses.</param>
    /// <param name="limits">
    /// The limits to test against; each one not given is the node's total times its allocation ratio.
    /// </param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The claim.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The request has an empty UUID or a negative amount.</exception>
    /// <exception cref="InvalidOperationException">
    /// The instance is already tracked on this node, or the manager replaced this tracker (<see cref="IsRetired"/>).
    /// </exception>
    /// <exception cref="ComputeResourcesUnavailableException">
    /// The node cannot take the instance (<c>Insufficient compute resources: Free memory 1024.00 MB &lt; requested
    /// 2048 MB.</c>), or it has no record because it was not audited yet, tracking is disabled, or its last audit
    /// failed (the message says so, and the inner exception is that failure).
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<ResourceClaim> ClaimAsync(InstanceRequest request, ClaimLimits? limits = null, CancellationToken cancellationToken = default)
    {
        Validate(request);
        ThrowIfRetired();
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfRetired();
            var node = _computeNode;
            if (node is null)
            {
                _services.Metrics.ClaimRefused(NodeTag);
                throw ComputeResourcesUnavailableException.NoRecord(request.Uuid, NodeName, _lastAudit);
            }

            if (_tracked.ContainsKey(request.Uuid) || _claims.ContainsKey(request.Uuid))
            {
                throw new InvalidOperationException($"Instance {request.Uuid} is already tracked on node {NodeName}.");
            }

            long diskGb = request.RootGb + request.EphemeralGb;
            Log.AttemptingClaim(_logger, NodeName, request.MemoryMb, diskGb, request.Vcpus);
            List<string>? reasons = null;
            TestLimit("memory", "MB", node.MemoryMb, node.MemoryMbUsed, request.MemoryMb, limits?.MemoryMb ?? (node.MemoryMb * node.RamAllocationRatio), ref reasons);
            TestLimit("disk", "GB", node.LocalGb, node.LocalGbUsed, diskGb, limits?.DiskGb ?? (node.LocalGb * node.DiskAllocationRatio), ref reasons);
            // A node that reports no vCPUs (the hypervisor could not tell) gets no vCPU limit, as Nova's CoreFilter sets none.
            TestLimit("vcpu", "VCPU", node.Vcpus, node.VcpusUsed, request.Vcpus, limits?.Vcpus ?? (node.Vcpus == 0 ? null : node.Vcpus * node.CpuAllocationRatio), ref reasons);
            if (reasons is not null)
            {
                Log.ClaimFailed(_logger, string.Join("; ", reasons));
                _services.Metrics.ClaimRefused(NodeTag);
                throw ComputeResourcesUnavailableException.ForReasons(reasons.AsReadOnly());
            }

            // What the host committed is written before the record (Nova's instance_claim sets the instance's host and
            // node first), so a tracker created again for this node counts it whatever becomes of this one.
            await _services.Ledger.AddAsync(node.Host, NodeName, request, cancellationToken).ConfigureAwait(false);
            ComputeNode updated;
            try
            {
                updated = await SaveAsync(WithUsage(node, request, 1), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await ForgetInLedgerAsync(node.Host, request.Uuid).ConfigureAwait(false);
                throw;
            }

            _tracked.Add(request.Uuid, request);
            _claims.Add(request.Uuid, request);
            _computeNode = updated;
            Log.ClaimSuccessful(_logger, NodeName);
            _services.Metrics.ClaimGranted(NodeTag);
            return new ResourceClaim(this, request);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Gives back what a deleted instance uses and forgets its claim (Nova's usage update for a deleted
    /// instance). Does nothing for an instance the node does not track.
    /// </summary>
    /// <param name="instanceUuid">The instance's UUID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the usage is given back and saved.</returns>
    /// <exception cref="ArgumentException"><paramref name="instanceUuid"/> is null or empty.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">The manager replaced this tracker (<see cref="IsRetired"/>).</exception>
    /// <remarks>
    /// The instance leaves the host's <see cref="IInstanceLedger"/>, then the record is saved. When the ledger or the store
    /// fails, the exception is passed on and nothing changes (the instance stays in the ledger): call again.
    /// </remarks>
    public async Task DropInstanceAsync(string instanceUuid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceUuid);
        ThrowIfRetired();
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfRetired();
            Log.DroppingInstance(_logger, instanceUuid, NodeName);
            bool wasClaimed = _claims.Remove(instanceUuid, out var claimed);
            var node = _computeNode;
            if (node is null || !_tracked.TryGetValue(instanceUuid, out var instance))
            {
                return;
            }

            ComputeNode updated;
            bool left = false;
            try
            {
                left = await _services.Ledger.RemoveAsync(node.Host, instanceUuid, cancellationToken).ConfigureAwait(false);
                updated = await SaveAsync(WithUsage(node, instance, -1), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                if (wasClaimed)
                {
                    _claims[instanceUuid] = claimed!;
                }

                if (left)
                {
                    await RestoreInLedgerAsync(node.Host, instance).ConfigureAwait(false);
                }

                throw;
            }

            _tracked.Remove(instanceUuid);
            _computeNode = updated;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Nova's <c>vm_states.allow_resource_removal</c>: a deleted instance, or one shelved and offloaded that is not spawning, uses nothing.</summary>
    internal static bool AllowsResourceRemoval(InstanceRequest instance)
        => string.Equals(instance.VmState, "deleted", StringComparison.Ordinal)
            || (string.Equals(instance.VmState, "shelved_offloaded", StringComparison.Ordinal)
                && !string.Equals(instance.TaskState, "spawning", StringComparison.Ordinal));

    /// <summary>
    /// Audits the node with options the caller read once (the manager reads them once for every node), and keeps
    /// the outcome as <see cref="LastAudit"/>.
    /// </summary>
    internal async Task UpdateAsync(ComputeResourceOptions options, string host, CancellationToken cancellationToken)
    {
        ThrowIfRetired();
        var clock = _services.TimeProvider;
        long started = clock.GetTimestamp();
        bool failed = true;
        ComputeNode? saved;
        try
        {
            saved = await AuditAsync(options, host, cancellationToken).ConfigureAwait(false);
            failed = false;
            _lastAudit = new AuditResult(clock.GetUtcNow(), clock.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A cancelled audit is neither a success nor a failure.
            started = -1;
            throw;
        }
        catch (Exception ex)
        {
            _lastAudit = new AuditResult(clock.GetUtcNow(), clock.GetElapsedTime(started), ex);
            throw;
        }
        finally
        {
            if (started >= 0)
            {
                _services.Metrics.AuditCompleted(NodeTag, clock.GetElapsedTime(started), failed);
            }
        }

        if (saved is not null)
        {
            await ReportAsync(saved, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops this tracker for good: the manager replaced it because the driver stopped reporting the node. Waits for
    /// a call holding the node's lock to finish, so that nothing this tracker does lands after the manager's next step.
    /// </summary>
    internal async ValueTask RetireAsync()
    {
        _retired = true;
        await _lock.WaitAsync().ConfigureAwait(false);
        _lock.Release();
    }

    /// <summary>Gives a claim's usage back unless it was dropped already (called by <see cref="ResourceClaim"/>).</summary>
    internal async ValueTask AbortAsync(InstanceRequest request)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_claims.TryGetValue(request.Uuid, out var claimed) || !ReferenceEquals(claimed, request))
            {
                return;
            }

            _claims.Remove(request.Uuid);
            Log.AbortingClaim(_logger, request.MemoryMb, request.RootGb + request.EphemeralGb);
            var node = _computeNode;
            if (node is not null)
            {
                await ForgetInLedgerAsync(node.Host, request.Uuid).ConfigureAwait(false);
            }

            // A retired tracker's record belongs to the manager's current tracker now; it counts the ledger again.
            if (_retired || node is null || !_tracked.TryGetValue(request.Uuid, out var instance))
            {
                return;
            }

            ComputeNode updated;
            try
            {
                updated = await SaveAsync(WithUsage(node, instance, -1), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Disposing must not throw. The claim is forgotten, so the next audit stops counting it.
                Log.AbortFailed(_logger, ex, request.Uuid, NodeName);
                return;
            }

            _tracked.Remove(request.Uuid);
            _computeNode = updated;
        }
        finally
        {
            _lock.Release();
        }
    }

    private static void Validate(InstanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Uuid))
        {
            throw new ArgumentException("The instance request has no UUID.", nameof(request));
        }

        ThrowIfNegative(request.Vcpus, nameof(InstanceRequest.Vcpus));
        ThrowIfNegative(request.MemoryMb, nameof(InstanceRequest.MemoryMb));
        ThrowIfNegative(request.RootGb, nameof(InstanceRequest.RootGb));
        ThrowIfNegative(request.EphemeralGb, nameof(InstanceRequest.EphemeralGb));
        ThrowIfNegative(request.SwapMb, nameof(InstanceRequest.SwapMb));

        static void ThrowIfNegative(long value, string name)
        {
            if (value < 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The instance request's {name} must not be negative: {value}."),
                    nameof(request));
            }
        }
    }

    private static long DiskUsageGb(InstanceRequest instance)
        => instance.RootGb + instance.EphemeralGb + (instance.SwapMb / 1024);

    private async Task<ComputeNode?> AuditAsync(ComputeResourceOptions options, string host, CancellationToken cancellationToken)
    {
        Log.Auditing(_logger, host, NodeName);
        var resources = await _services.HostState.GetHostStatsAsync(NodeName, refresh: true, cancellationToken).ConfigureAwait(false);
        if (resources is null)
        {
            Log.TrackingDisabled(_logger);
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _computeNode = null;
                _auditUsage = null;
                _tracked.Clear();
            }
            finally
            {
                _lock.Release();
            }

            return null;
        }

        var hostIp = ParseMyIp(options.MyIp) ?? resources.HostIp ?? _services.DetectedHostIp;
        resources.Verify();
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            ReportHypervisorResourceView(resources);
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfRetired();
            return await UpdateLockedAsync(options, host, resources, hostIp, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<ComputeNode> UpdateLockedAsync(ComputeResourceOptions options, string host, HostResources resources, IPAddress hostIp, CancellationToken cancellationToken)
    {
        var instances = _services.InstanceSource is { } source
            ? await source.GetInstancesAsync(host, NodeName, cancellationToken).ConfigureAwait(false)
            : NoInstances;
        var committed = await _services.Ledger.GetInstancesAsync(host, NodeName, cancellationToken).ConfigureAwait(false);
        var running = await _services.Driver.GetPerInstanceUsageAsync(NodeName, cancellationToken).ConfigureAwait(false);

        var previous = _computeNode;
        if (previous is null || _reloadRecord || !string.Equals(previous.Host, host, StringComparison.Ordinal))
        {
            previous = await FindRecordAsync(host, cancellationToken).ConfigureAwait(false);
            _reloadRecord = false;
        }

        // Nova's _update_usage_from_instances: start from the reservations, then add every tracked instance.
        long memoryMbUsed = options.ReservedHostMemoryMb;
        long localGbUsed = options.ReservedHostDiskMb / 1024;
        long vcpusUsed = options.ReservedHostCpus;
        var tracked = _nextTracked;
        tracked.Clear();
        _stats.Clear();
        for (int i = 0; i < instances.Count; i++)
        {
            Track(instances[i]);
        }

        // The application's instance source knows an instance's current state; the ledger counts only what it omits.
        for (int i = 0; i < committed.Count; i++)
        {
            if (!Contains(instances, committed[i].Uuid))
            {
                Track(committed[i]);
            }
        }

        foreach (var claim in _claims.Values)
        {
            Track(claim);
        }

        _stats.CompleteAudit();

        // Juno's _update_usage_from_orphans: what the hypervisor runs and nobody tracks uses its memory.
        long orphanMemoryMb = 0;
        int orphans = 0;
        for (int i = 0; i < running.Count; i++)
        {
            var usage = running[i];
            if (!tracked.ContainsKey(usage.Uuid))
            {
                Log.OrphanInstance(_logger, usage.Uuid, usage.MemoryMb);
                memoryMbUsed += usage.MemoryMb;
                orphanMemoryMb += usage.MemoryMb;
                orphans++;
            }
        }

        var now = _services.TimeProvider.GetUtcNow();
        var record = new ComputeNode
        {
            Id = previous?.Id ?? 0,
            Uuid = previous?.Uuid ?? Guid.NewGuid(),
            Revision = previous?.Revision ?? 0,
            Host = host,
            HypervisorHostname = NodeName,
            HypervisorType = resources.HypervisorType,
            HypervisorVersion = resources.HypervisorVersion,
            Vcpus = resources.Vcpus!.Value,
            VcpusUsed = checked((int)vcpusUsed),
            MemoryMb = resources.MemoryMb!.Value,
            MemoryMbUsed = memoryMbUsed,
            LocalGb = resources.LocalGb!.Value,
            LocalGbUsed = localGbUsed,
            RunningVms = checked((int)_stats.Instances),
            CurrentWorkload = checked((int)_stats.CalculateWorkload()),
            CpuAllocationRatio = RecordRatio(options.CpuAllocationRatio, previous?.CpuAllocationRatio, options.InitialCpuAllocationRatio),
            RamAllocationRatio = RecordRatio(options.RamAllocationRatio, previous?.RamAllocationRatio, options.InitialRamAllocationRatio),
            DiskAllocationRatio = RecordRatio(options.DiskAllocationRatio, previous?.DiskAllocationRatio, options.InitialDiskAllocationRatio),
            HostIp = hostIp,
            CpuInfo = resources.CpuInfo,
            DiskAvailableLeast = resources.DiskAvailableLeast,
            SupportedInstances = resources.SupportedInstances,
            NumaTopology = resources.NumaTopology,
            Stats = _stats.Snapshot(previous?.Stats ?? ReadOnlyDictionary<string, long>.Empty),
            Inventory = BuildInventory(resources, options, previous?.Inventory),
            CreatedAt = previous?.CreatedAt ?? now,
            UpdatedAt = now,
        };

        ReportFinalResourceView(record);

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
            record = await SaveAsync(record, cancellationToken).ConfigureAwait(false);
        }

        _auditUsage = new AuditUsage(
            new(options.ReservedHostMemoryMb, orphanMemoryMb, resources.MemoryMbUsed),
            new(options.ReservedHostDiskMb / 1024, 0, resources.LocalGbUsed),
            new(options.ReservedHostCpus, 0, resources.VcpusUsed),
            orphans);
        _computeNode = record;
        (_tracked, _nextTracked) = (tracked, _tracked);
        _nextTracked.Clear();
        Log.RecordUpdated(_logger, host, NodeName);
        return record;

        void Track(InstanceRequest instance)
        {
            if (AllowsResourceRemoval(instance) || !tracked.TryAdd(instance.Uuid, instance))
            {
                return;
            }

            memoryMbUsed += instance.MemoryMb;
            localGbUsed += DiskUsageGb(instance);
            vcpusUsed += instance.Vcpus;
            _stats.Count(instance);
        }
    }

    private static bool Contains(IReadOnlyList<InstanceRequest> instances, string uuid)
    {
        for (int i = 0; i < instances.Count; i++)
        {
            if (string.Equals(instances[i].Uuid, uuid, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void ThrowIfRetired()
    {
        if (_retired)
        {
            throw new InvalidOperationException(
                $"The tracker of node {NodeName} was replaced: the driver stopped reporting the node. Get the node's current tracker from ComputeResourceManager.GetTracker.");
        }
    }

    /// <summary>Takes a claim that did not last out of the host's ledger; a failure is logged, and the next audit counts the instance until a drop.</summary>
    private async ValueTask ForgetInLedgerAsync(string host, string instanceUuid)
    {
        try
        {
            await _services.Ledger.RemoveAsync(host, instanceUuid, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.LedgerUpdateFailed(_logger, ex, instanceUuid, NodeName);
        }
    }

    /// <summary>Puts a dropped instance back into the host's ledger after the record could not be saved.</summary>
    private async ValueTask RestoreInLedgerAsync(string host, InstanceRequest instance)
    {
        try
        {
            await _services.Ledger.AddAsync(host, NodeName, instance, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.LedgerUpdateFailed(_logger, ex, instance.Uuid, NodeName);
        }
    }

    /// <summary>
    /// Passes an audit's saved record to every reporter, outside the node's lock. A reporter's exception is logged,
    /// counted and kept in <see cref="LastReportError"/>; it never fails the audit.
    /// </summary>
    private async ValueTask ReportAsync(ComputeNode record, CancellationToken cancellationToken)
    {
        Exception? error = null;
        foreach (var reporter in _services.Reporters)
        {
            try
            {
                await reporter.ReportAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                Log.ReportFailed(_logger, ex, reporter.GetType().Name, record.Host, NodeName);
                _services.Metrics.ReportFailed(NodeTag);
                error ??= ex;
            }
        }

        _lastReportError = error;
    }

    /// <summary>
    /// Saves a changed record and returns it as stored. When another writer changed the stored record, the next audit
    /// reads it again instead of building on this tracker's copy.
    /// </summary>
    private async ValueTask<ComputeNode> SaveAsync(ComputeNode record, CancellationToken cancellationToken)
    {
        try
        {
            return await _services.Store.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (ComputeNodeConflictException)
        {
            _reloadRecord = true;
            throw;
        }
    }

    private async ValueTask<ComputeNode?> FindRecordAsync(string host, CancellationToken cancellationToken)
    {
        var records = await _services.Store.GetByHostAsync(host, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < records.Count; i++)
        {
            if (string.Equals(records[i].HypervisorHostname, NodeName, StringComparison.Ordinal))
            {
                return records[i];
            }
        }

        return null;
    }

    /// <summary>A record with an instance's usage added (<paramref name="sign"/> 1) or removed (-1): Nova's <c>_update_usage</c>.</summary>
    private ComputeNode WithUsage(ComputeNode node, InstanceRequest instance, int sign)
    {
        _stats.Load(node.Stats);
        if (sign > 0)
        {
            _stats.Add(instance);
        }
        else
        {
            _stats.Remove(instance);
        }

        return node with
        {
            VcpusUsed = checked(node.VcpusUsed + (sign * instance.Vcpus)),
            MemoryMbUsed = node.MemoryMbUsed + (sign * instance.MemoryMb),
            LocalGbUsed = node.LocalGbUsed + (sign * DiskUsageGb(instance)),
            RunningVms = checked((int)_stats.Instances),
            CurrentWorkload = checked((int)_stats.CalculateWorkload()),
            Stats = _stats.Snapshot(node.Stats),
            UpdatedAt = _services.TimeProvider.GetUtcNow(),
        };
    }

    /// <summary>
    /// Nova's <c>Claim._test</c> for one resource: appends the reason when the request does not fit; no limit means
    /// unlimited.
    /// </summary>
    private void TestLimit(string type, string unit, long total, long used, long requested, double? limitOrNone, ref List<string>? reasons)
    {
        Log.ClaimTotal(_logger, type, total, unit, used);
        if (limitOrNone is not { } limit)
        {
            Log.ClaimUnlimited(_logger, type);
            return;
        }

        double free = limit - used;
        Log.ClaimLimit(_logger, type, limit, unit, free);
        if (requested > free)
        {
            (reasons ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"Free {type} {free:F2} {unit} < requested {requested} {unit}"));
        }
    }

    /// <summary>
    /// The record's ratio: the configured ratio when set and not zero; otherwise the record keeps the ratio it has, and a
    /// new record starts with the initial ratio. Nova's <c>_copy_resources(initial=True)</c> differs for a new record: it
    /// writes the initial ratio even when a ratio is configured, and the configured one replaces it from the second audit
    /// on. Here the configured ratio holds from the first audit, so the record agrees with the inventory at once.
    /// </summary>
    private static double RecordRatio(double? configured, double? existing, double initial)
        => configured is { } value && value != 0 ? value : existing ?? initial;

    /// <summary>
    /// The driver's <c>_get_allocation_ratios</c>: the configured ratio when set and not zero, else the inventory's
    /// current ratio for the class, else the initial ratio.
    /// </summary>
    private static double InventoryRatio(double? configured, IReadOnlyDictionary<string, InventoryRecord>? existing, string resourceClass, double initial)
        => configured is { } value && value != 0
            ? value
            : existing is not null && existing.TryGetValue(resourceClass, out var record) ? record.AllocationRatio : initial;

    /// <summary>
    /// The inventory Nova's libvirt <c>update_provider_tree</c> reports: each class only when its total is positive;
    /// reserved disk rounded up to whole GiB; PCPU from <see cref="ComputeResourceOptions.CpuDedicatedSet"/> with ratio 1.
    /// Returns <paramref name="existing"/> when nothing changed.
    /// </summary>
    private IReadOnlyDictionary<string, InventoryRecord> BuildInventory(HostResources resources, ComputeResourceOptions options, IReadOnlyDictionary<string, InventoryRecord>? existing)
    {
        long vcpus = resources.Vcpus!.Value;
        long pcpus = CountDedicatedCpus(options.CpuDedicatedSet);
        long memoryMb = resources.MemoryMb!.Value;
        long diskGb = resources.LocalGb!.Value;
        long reservedDiskGb = (options.ReservedHostDiskMb + 1023L) / 1024;
        double cpuRatio = InventoryRatio(options.CpuAllocationRatio, existing, ResourceClasses.Vcpu, options.InitialCpuAllocationRatio);
        double ramRatio = InventoryRatio(options.RamAllocationRatio, existing, ResourceClasses.MemoryMb, options.InitialRamAllocationRatio);
        double diskRatio = InventoryRatio(options.DiskAllocationRatio, existing, ResourceClasses.DiskGb, options.InitialDiskAllocationRatio);

        if (existing is not null
            && Matches(existing, ResourceClasses.Vcpu, vcpus, options.ReservedHostCpus, cpuRatio)
            && Matches(existing, ResourceClasses.Pcpu, pcpus, 0, 1.0)
            && Matches(existing, ResourceClasses.MemoryMb, memoryMb, options.ReservedHostMemoryMb, ramRatio)
            && Matches(existing, ResourceClasses.DiskGb, diskGb, reservedDiskGb, diskRatio)
            && existing.Count == (vcpus > 0 ? 1 : 0) + (pcpus > 0 ? 1 : 0) + (memoryMb > 0 ? 1 : 0) + (diskGb > 0 ? 1 : 0))
        {
            return existing;
        }

        var inventory = new Dictionary<string, InventoryRecord>(4, StringComparer.Ordinal);
        Add(ResourceClasses.MemoryMb, memoryMb, options.ReservedHostMemoryMb, ramRatio);
        Add(ResourceClasses.Vcpu, vcpus, options.ReservedHostCpus, cpuRatio);
        Add(ResourceClasses.Pcpu, pcpus, 0, 1.0);
        Add(ResourceClasses.DiskGb, diskGb, reservedDiskGb, diskRatio);
        return inventory.AsReadOnly();

        void Add(string resourceClass, long total, long reserved, double ratio)
        {
            if (total > 0)
            {
                inventory.Add(resourceClass, new InventoryRecord(total, reserved, MinUnit: 1, MaxUnit: total, StepSize: 1, ratio));
            }
        }

        static bool Matches(IReadOnlyDictionary<string, InventoryRecord> existing, string resourceClass, long total, long reserved, double ratio)
            => total <= 0
                || (existing.TryGetValue(resourceClass, out var record)
                    && record.Total == total
                    && record.Reserved == reserved
                    && record.MinUnit == 1
                    && record.MaxUnit == total
                    && record.StepSize == 1
                    && record.AllocationRatio.Equals(ratio));
    }

    private int CountDedicatedCpus(string? cpuDedicatedSet)
        => string.IsNullOrEmpty(cpuDedicatedSet)
            ? 0
            : ParsedOption<int>.Get(ref _dedicatedCpus, cpuDedicatedSet, static text => PinSetOption.Parse(text, PinSetOption.CpuDedicatedSet)?.Count ?? 0);

    private IPAddress? ParseMyIp(string? myIp)
        => string.IsNullOrEmpty(myIp) ? null : ParsedOption<IPAddress>.Get(ref _myIp, myIp, IPAddress.Parse);

    /// <summary>Nova's <c>_report_hypervisor_resource_view</c>.</summary>
    private void ReportHypervisorResourceView(HostResources resources)
    {
        long freeRamMb = resources.MemoryMb!.Value - resources.MemoryMbUsed!.Value;
        long freeDiskGb = resources.LocalGb!.Value - resources.LocalGbUsed!.Value;
        int vcpus = resources.Vcpus!.Value;
        string freeVcpus = vcpus != 0
            ? (vcpus - resources.VcpusUsed!.Value).ToString(CultureInfo.InvariantCulture)
            : "unknown";
        Log.HypervisorResourceView(_logger, NodeName, freeRamMb, freeDiskGb, freeVcpus, FormatPciDevices(resources.PciPassthroughDevices));
    }

    /// <summary>Nova's <c>_report_final_resource_view</c>.</summary>
    private void ReportFinalResourceView(ComputeNode node)
    {
        int totalVcpus = 0;
        int usedVcpus = 0;
        if (node.Vcpus != 0)
        {
            totalVcpus = node.Vcpus;
            usedVcpus = node.VcpusUsed;
            Log.VcpuView(_logger, totalVcpus, usedVcpus);
        }

        Log.FinalResourceView(_logger, NodeName, node.MemoryMb, node.MemoryMbUsed, node.LocalGb, node.LocalGbUsed, totalVcpus, usedVcpus);
    }

    /// <summary>The PCI devices as the JSON list Nova's libvirt driver reports (<c>[]</c> when there are none).</summary>
    private static string FormatPciDevices(IReadOnlyList<PciDevice> devices)
    {
        if (devices.Count == 0)
        {
            return "[]";
        }

        var builder = new StringBuilder("[");
        for (int i = 0; i < devices.Count; i++)
        {
            var device = devices[i];
            builder.Append(i == 0 ? "{" : ", {");
            bool first = true;
            NovaJson.WriteKey(builder, "address", ref first);
            NovaJson.WriteString(builder, device.Address);
            NovaJson.WriteKey(builder, "vendor_id", ref first);
            NovaJson.WriteString(builder, device.VendorId);
            NovaJson.WriteKey(builder, "product_id", ref first);
            NovaJson.WriteString(builder, device.ProductId);
            NovaJson.WriteKey(builder, "dev_type", ref first);
            NovaJson.WriteString(builder, device.DeviceType);
            NovaJson.WriteKey(builder, "numa_node", ref first);
            if (device.NumaNode is { } numaNode)
            {
                NovaJson.WriteInt(builder, numaNode);
            }
            else
            {
                builder.Append("null");
            }

            builder.Append('}');
        }

        return builder.Append(']').ToString();
    }

    /// <summary>An option's text and what it parses to, cached so an unchanged option is not parsed every audit.</summary>
    private sealed record ParsedOption<T>(string Text, T Value)
    {
        /// <summary>Returns what <paramref name="text"/> parses to: the cached value when the text is unchanged, else a fresh parse, cached.</summary>
        public static T Get(ref ParsedOption<T>? cache, string text, Func<string, T> parse)
        {
            var cached = cache;
            if (cached is not null && string.Equals(cached.Text, text, StringComparison.Ordinal))
            {
                return cached.Value;
            }

            var value = parse(text);
            cache = new ParsedOption<T>(text, value);
            return value;
        }
    }
}
