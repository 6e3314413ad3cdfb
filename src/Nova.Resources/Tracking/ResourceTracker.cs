using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

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
/// one), those of the host's <see cref="IInstanceLedger"/> (every claim granted here and not given back or dropped,
/// whichever tracker object granted it) and the claims in progress; instances the hypervisor runs that nobody tracks
/// count their memory only, as orphans.
/// </para>
/// <para>
/// This class is the stateful shell: it owns the lock, the record and the claims, and calls the ledger, the store and
/// the reporters. The arithmetic is pure and lives beside it: <see cref="NodeUsage"/>, <see cref="ClaimTest"/>,
/// <see cref="Inventory"/>, <see cref="AuditRecord"/> and <see cref="ResourceView"/>. A method whose name ends in
/// <c>_NeedsLock</c> runs only with the node's lock held.
/// </para>
/// </remarks>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim never creates its wait handle; trackers live as long as the host.")]
public sealed partial class ResourceTracker
{
    private readonly TrackerServices _services;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);

    // Guarded by _lock.
    private readonly Dictionary<string, ResourceClaim> _claims = new(StringComparer.Ordinal);
    private Dictionary<string, InstanceRequest> _tracked = new(StringComparer.Ordinal);
    private bool _reloadRecord;

    private volatile ComputeNode? _computeNode;
    private volatile bool _retired;
    private volatile Exception? _lastReportError;
    private volatile AuditResult? _lastAudit;
    private volatile AuditUsageSources? _usageSources;

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
    /// Gets the exception of the last audit's report that failed (an <see cref="IComputeNodeReporter"/> threw), or
    /// <see langword="null"/> when every reporter took the last audit's record. A failed report never fails the audit.
    /// </summary>
    public Exception? LastReportError => _lastReportError;

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
        => _computeNode is { } node && _usageSources is { } audit
            ? new UsageBreakdown(
                audit.Memory.Explain(node.MemoryMbUsed),
                audit.Disk.Explain(node.LocalGbUsed),
                audit.Vcpus.Explain(node.VcpusUsed),
                audit.OrphanInstances)
            : null;

    /// <summary>
    /// Gets a value indicating whether the manager replaced this tracker: the driver stopped reporting the node, and a
    /// tracker created when the node comes back counts the host's committed instances again. A retired tracker refuses
    /// every call with an <see cref="InvalidOperationException"/>, so it cannot write a record that disagrees with the
    /// current one.
    /// </summary>
    public bool IsRetired => _retired;

    internal KeyValuePair<string, object?> NodeTag { get; }

    /// <summary>
    /// Claims resources for a new instance (Nova's <c>instance_claim</c> with the classic memory, disk and vCPU
    /// test). The usage counts at once, and the instance is in the host's <see cref="IInstanceLedger"/> from now on;
    /// commit the claim when the instance is built, or dispose it uncommitted to give the usage back (Nova's claim
    /// context manager).
    /// </summary>
    /// <param name="request">The instance and what it uses.</param>
    /// <param name="limits">
    /// The limits to test against; each one not given is the node's total times its allocation ratio.
    /// </param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The claim.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The request has an empty UUID, or an amount that is negative or above <see cref="InstanceRequest.MaxSize"/>.</exception>
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
        ClaimTest.Validate(request);
        ThrowIfRetired();
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfRetired();
            return await Claim_NeedsLock(request, limits, cancellationToken).ConfigureAwait(false);
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
            await Drop_NeedsLock(instanceUuid, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
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
        _services.Metrics.Observe(NodeName, null);
    }

    /// <summary>
    /// Saves a changed record and returns it as stored. When the save fails, the next audit reads the stored record
    /// again instead of building on this tracker's copy: another writer may have changed it, and a save whose reply was
    /// lost (the connection died after the commit) may have stored it anyway, at a revision this tracker never saw.
    /// </summary>
    private async ValueTask<ComputeNode> Save_NeedsLock(ComputeNode record, CancellationToken cancellationToken)
    {
        try
        {
            return await _services.Store.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _reloadRecord = true;
            throw;
        }
    }

    /// <summary>Makes a record the node's current one, and shows it to the gauges.</summary>
    private void SetRecord(ComputeNode? record)
    {
        _computeNode = record;
        _services.Metrics.Observe(NodeName, record);
    }

    private void ThrowIfRetired()
    {
        if (_retired)
        {
            throw new InvalidOperationException(
                $"The tracker of node {NodeName} was replaced: the driver stopped reporting the node. Get the node's current tracker from ComputeResourceManager.GetTracker.");
        }
    }
}
