namespace Nova.Resources.Compute;

/// <summary>What the host's audit reads through the cache: the node list, and one snapshot per node.</summary>
public sealed partial class HostState
{
    /// <summary>
    /// Asks the driver for its nodes (Nova's <c>set(get_available_nodes())</c>): each name once, in the driver's order,
    /// null names left out. The cached resources of every node the driver no longer reports are forgotten.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The node names.</returns>
    /// <remarks>Any exception of the driver is passed on; the cache is then unchanged.</remarks>
    internal async ValueTask<IReadOnlyList<string>> GetAvailableNodesAsync(CancellationToken cancellationToken)
    {
        var reported = await _driver.GetAvailableNodesAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>(reported.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string node in reported)
        {
            if (node is not null && seen.Add(node))
            {
                names.Add(node);
            }
        }

        foreach (string cached in _nodes.Keys)
        {
            if (!seen.Contains(cached))
            {
                RemoveNode(cached);
            }
        }

        return names;
    }

    /// <summary>
    /// Reads what one audit of a node needs from the driver, in one go and before the tracker takes the node's lock: the
    /// resources (refreshed) and what each running instance uses.
    /// </summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="cancellationToken">Stops this caller's wait.</param>
    /// <returns>The snapshot, or <see langword="null"/> when the driver does not support resource tracking.</returns>
    internal async ValueTask<NodeSnapshot?> GetNodeSnapshotAsync(string nodeName, CancellationToken cancellationToken)
    {
        var resources = await GetHostStatsAsync(nodeName, refresh: true, cancellationToken).ConfigureAwait(false);
        if (resources is null)
        {
            return null;
        }

        var instances = await _driver.GetPerInstanceUsageAsync(nodeName, cancellationToken).ConfigureAwait(false);
        return new NodeSnapshot(resources, instances);
    }
}
