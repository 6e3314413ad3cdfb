namespace Nova.Resources.Tracking;

/// <summary>
/// Where compute-node records are kept (Nova's <c>compute_nodes</c> table). One record per
/// (<see cref="ComputeNode.Host"/>, <see cref="ComputeNode.HypervisorHostname"/>). The default keeps them in
/// memory; register another implementation before <c>AddNovaResources</c> to persist them.
/// </summary>
/// <remarks>
/// Implementations must be safe to call from several threads. A tracker writes a node's record only under that
/// node's lock, and only when the record changed. When a call throws, the tracker keeps its last good record
/// and changes nothing in memory.
/// </remarks>
public interface IComputeNodeStore
{
    /// <summary>Returns every record of a host (Nova's <c>ComputeNodeList.get_all_by_host</c>).</summary>
    /// <param name="host">The compute host.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records; empty when there are none.</returns>
    ValueTask<IReadOnlyList<ComputeNode>> GetByHostAsync(string host, CancellationToken cancellationToken = default);

    /// <summary>Stores a new record.</summary>
    /// <param name="node">The record; its <see cref="ComputeNode.Id"/> is 0 when the store is to choose one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record as stored, with its <see cref="ComputeNode.Id"/>.</returns>
    ValueTask<ComputeNode> CreateAsync(ComputeNode node, CancellationToken cancellationToken = default);

    /// <summary>Replaces the stored record of the same host and hypervisor hostname.</summary>
    /// <param name="node">The new record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is stored.</returns>
    ValueTask UpdateAsync(ComputeNode node, CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record of the same host and hypervisor hostname, if there is one.</summary>
    /// <param name="node">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is gone.</returns>
    ValueTask DeleteAsync(ComputeNode node, CancellationToken cancellationToken = default);
}
