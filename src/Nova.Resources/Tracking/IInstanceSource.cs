namespace Nova.Resources.Tracking;

/// <summary>
/// The instances the application knows are on a node (Nova's instance table,
/// <c>InstanceList.get_by_host_and_node</c>). Optional: without one, a tracker knows only the instances claimed
/// through it since it started.
/// </summary>
/// <remarks>
/// Every audit reads it, under the node's lock, and counts what it returns together with the claims made through
/// the tracker and not yet dropped. An instance it still returns is counted again even after
/// <see cref="ResourceTracker.DropInstanceAsync"/>, unless its <see cref="InstanceRequest.VmState"/> is
/// <c>deleted</c>. A row that cannot be counted (null, without a UUID, or with an amount that is negative or above
/// <see cref="InstanceRequest.MaxSize"/>) is left out and logged, and the rest of the node is still tracked. Must be
/// safe to call from several threads and must honour cancellation.
/// </remarks>
public interface IInstanceSource
{
    /// <summary>Returns the instances on a node of a host.</summary>
    /// <param name="host">The compute host (<see cref="ComputeResourceOptions.Host"/>).</param>
    /// <param name="nodeName">The node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instances, with their flavor numbers and states.</returns>
    ValueTask<IReadOnlyList<InstanceRequest>> GetInstancesAsync(string host, string nodeName, CancellationToken cancellationToken = default);
}
