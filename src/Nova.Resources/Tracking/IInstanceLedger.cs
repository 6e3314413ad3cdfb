namespace Nova.Resources.Tracking;

/// <summary>
/// What a compute host has committed: the instances whose claims were committed on its nodes and not yet dropped
/// (in Nova, the instance table's <c>host</c> and <c>node</c> columns). It belongs to the host, not to a tracker
/// object: a tracker created again for a node, after the node was gone for an audit or after a restart, counts
/// these instances again. The default keeps them in memory for the life of the process; the PostgreSQL package
/// keeps them in the database, so that they survive restarts.
/// </summary>
/// <remarks>An instance's UUID is unique across the host: adding it again replaces the entry (and moves it to the given node).
/// Implementations must be safe to call from several threads and must honour cancellation.</remarks>
public interface IInstanceLedger
{
    /// <summary>Returns the committed instances of one node of a host.</summary>
    /// <param name="host">The compute host.</param>
    /// <param name="nodeName">The node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instances; empty when there are none.</returns>
    ValueTask<IReadOnlyList<InstanceRequest>> GetInstancesAsync(string host, string nodeName, CancellationToken cancellationToken = default);

    /// <summary>Records an instance as committed on a node, replacing any entry of the host with the same UUID.</summary>
    /// <param name="host">The compute host.</param>
    /// <param name="nodeName">The node.</param>
    /// <param name="instance">The instance and what it uses.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the entry is stored.</returns>
    ValueTask AddAsync(string host, string nodeName, InstanceRequest instance, CancellationToken cancellationToken = default);

    /// <summary>Forgets an instance of a host.</summary>
    /// <param name="host">The compute host.</param>
    /// <param name="instanceUuid">The instance's UUID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the host had the instance.</returns>
    ValueTask<bool> RemoveAsync(string host, string instanceUuid, CancellationToken cancellationToken = default);
}
