using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Extensions.Logging;
using Nova.Resources.Tracking;

namespace Nova.Resources.Hosting;

/// <summary>
/// This compute host's audit (Nova's <c>ComputeManager.update_available_resource</c>): one
/// <see cref="ResourceTracker"/> per node the driver reports, each audited in turn, then the records of nodes the
/// driver no longer reports deleted. Resolve it from the container; the hosted service runs it at start-up and
/// periodically.
/// </summary>
/// <remarks>
/// Audits of the host are serialised. One node's failure is logged and does not stop the others. The orphan
/// records are deleted after every node is updated (the order of the reference, Nova's Juno release).
/// </remarks>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim never creates its wait handle; the manager lives as long as the host.")]
public sealed class ComputeResourceManager
{
    private readonly TrackerServices _services;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _auditLock = new(1, 1);
    private volatile ReadOnlyDictionary<string, ResourceTracker> _trackers = ReadOnlyDictionary<string, ResourceTracker>.Empty;

    internal ComputeResourceManager(TrackerServices services, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(logger);
        _services = services;
        _logger = logger;
    }

    /// <summary>Gets the tracker of every node the last audit found, by node name.</summary>
    public IReadOnlyDictionary<string, ResourceTracker> Trackers => _trackers;

    /// <summary>Returns the tracker of a node the last audit found.</summary>
    /// <param name="nodeName">The node.</param>
    /// <returns>The node's tracker.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeName"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">
    /// The node is not managed by this host, or no audit has found it yet:
    /// <c>&lt;node&gt; is not a valid node managed by this compute host.</c>
    /// </exception>
    public ResourceTracker GetTracker(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        return _trackers.TryGetValue(nodeName, out var tracker)
            ? tracker
            : throw new KeyNotFoundException($"{nodeName} is not a valid node managed by this compute host.");
    }

    /// <summary>
    /// Audits the host: asks the driver for its nodes, keeps (or creates) one tracker per node and drops the others,
    /// audits every node, then deletes each stored record of this host whose node the driver no longer reports
    /// (<c>Deleting orphan compute node ...</c>). The options are read once, at the start.
    /// </summary>
    /// <param name="cancellationToken">Cancels the audit.</param>
    /// <returns>A task that completes when every node is audited and the orphan records are deleted.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// An exception of the driver's node list, or of reading this host's records, is passed on. A node whose audit
    /// fails is logged (<c>Error updating resources for node &lt;node&gt;.</c>) and keeps its last good record; a record
    /// that cannot be deleted is logged and tried again at the next audit.
    /// </remarks>
    public async Task UpdateAvailableResourceAsync(CancellationToken cancellationToken = default)
    {
        await _auditLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AuditAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch
        {
            _services.Metrics.HostAuditFailed();
            throw;
        }
        finally
        {
            _auditLock.Release();
        }
    }

    /// <summary>Python's <c>repr</c> of a set of strings, as Nova's message prints <c>nodenames</c>: <c>{'a', 'b'}</c>, or <c>set()</c>.</summary>
    internal static string FormatNodeSet(IReadOnlyList<string> nodes)
    {
        if (nodes.Count == 0)
        {
            return "set()";
        }

        var builder = new StringBuilder("{");
        for (int i = 0; i < nodes.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(PythonRepr.Quote(nodes[i]));
        }

        return builder.Append('}').ToString();
    }

    private async Task AuditAsync(CancellationToken cancellationToken)
    {
        var options = _services.Options();
        string host = HostName.Resolve(options);
        var nodeNames = await _services.HostState.GetAvailableNodesAsync(cancellationToken).ConfigureAwait(false);
        var nodeSet = new HashSet<string>(nodeNames, StringComparer.Ordinal);

        var current = _trackers;
        var next = new Dictionary<string, ResourceTracker>(nodeNames.Count, StringComparer.Ordinal);
        foreach (string node in nodeNames)
        {
            next[node] = current.TryGetValue(node, out var tracker) ? tracker : new ResourceTracker(node, _services);
        }

        // A tracker of a node the driver no longer reports refuses every call from now on. What it committed is in
        // the host's ledger, which the tracker created when the node comes back counts again.
        foreach (var pair in current)
        {
            if (!nodeSet.Contains(pair.Key))
            {
                await pair.Value.RetireAsync().ConfigureAwait(false);
            }
        }

        try
        {
            foreach (string node in nodeNames)
            {
                try
                {
                    await next[node].UpdateAsync(options, host, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    Log.NodeUpdateFailed(_logger, ex, node);
                }
            }

            await DeleteOrphanRecordsAsync(host, nodeSet, nodeNames, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _trackers = next.AsReadOnly();
        }
    }

    private async Task DeleteOrphanRecordsAsync(string host, HashSet<string> nodeSet, IReadOnlyList<string> nodeNames, CancellationToken cancellationToken)
    {
        var records = await _services.Store.GetByHostAsync(host, cancellationToken).ConfigureAwait(false);
        string? nodes = null;
        foreach (var record in records)
        {
            if (nodeSet.Contains(record.HypervisorHostname))
            {
                continue;
            }

            nodes ??= FormatNodeSet(nodeNames);
            Log.DeletingOrphanNode(_logger, record.Id, record.HypervisorHostname, nodes);
            try
            {
                await _services.Store.DeleteAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                Log.OrphanNodeDeleteFailed(_logger, ex, record.Id, record.HypervisorHostname);
                continue;
            }

            await ReportRemovalAsync(record, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tells every reporter that a record was deleted; a reporter's exception is logged and counted, never passed on.</summary>
    private async ValueTask ReportRemovalAsync(ComputeNode record, CancellationToken cancellationToken)
        => _ = await Reporters.CallEachAsync(
            _services.Reporters,
            reporter => reporter.RemoveAsync(record, cancellationToken),
            (reporter, ex) =>
            {
                Log.OrphanNodeReportFailed(_logger, ex, reporter.GetType().Name, record.Id, record.HypervisorHostname);
                _services.Metrics.ReportFailed(new KeyValuePair<string, object?>(ResourceMetrics.NodeTag, record.HypervisorHostname));
            },
            cancellationToken).ConfigureAwait(false);
}
