namespace Nova.Resources.Tracking;

/// <summary>
/// Where compute-node records are kept (Nova's <c>compute_nodes</c> table). One current record per
/// (<see cref="ComputeNode.Host"/>, <see cref="ComputeNode.HypervisorHostname"/>). The default keeps them in
/// memory; register another implementation (such as the PostgreSQL store) to share them between hosts.
/// </summary>
/// <remarks>
/// <para>
/// Implementations must be safe to call from several threads and processes. A tracker writes a node's record only
/// under that node's lock, and only when the record changed. When a call throws, the tracker keeps its last good
/// record and changes nothing in memory.
/// </para>
/// <para>
/// Writes are optimistic: <see cref="ComputeNode.Revision"/> is the version of the record its writer last read, and
/// <see cref="UpdateAsync"/> refuses to overwrite a record another writer changed since
/// (<see cref="ComputeNodeConflictException"/>).
/// </para>
/// </remarks>
public interface IComputeNodeStore
{
    /// <summary>Returns every current record of a host (Nova's <c>ComputeNodeList.get_all_by_host</c>).</summary>
    /// <param name="host">The compute host.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records, ordered by <see cref="ComputeNode.Id"/>; empty when there are none.</returns>
    ValueTask<IReadOnlyList<ComputeNode>> GetByHostAsync(string host, CancellationToken cancellationToken = default);

    /// <summary>Returns every current record of every host (Nova's <c>ComputeNodeList.get_all</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records, ordered by <see cref="ComputeNode.Id"/>; empty when there are none.</returns>
    ValueTask<IReadOnlyList<ComputeNode>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Returns the sums over every current record (Nova's <c>compute_node_statistics</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The statistics; all zero when there are no records.</returns>
    ValueTask<ClusterStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a new record.</summary>
    /// <param name="node">The record; its <see cref="ComputeNode.Id"/> is 0 when the store is to choose one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record as stored, with its <see cref="ComputeNode.Id"/> and first <see cref="ComputeNode.Revision"/>.</returns>
    /// <exception cref="ComputeNodeConflictException">A current record of the same host and node exists already.</exception>
    ValueTask<ComputeNode> CreateAsync(ComputeNode node, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored record with the same <see cref="ComputeNode.Id"/>, provided it is still at
    /// <see cref="ComputeNode.Revision"/> of <paramref name="node"/>.
    /// </summary>
    /// <param name="node">The new record, carrying the revision its writer last read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record as stored, with its next <see cref="ComputeNode.Revision"/>.</returns>
    /// <exception cref="ComputeNodeConflictException">
    /// Another writer changed or deleted the record since <paramref name="node"/>'s revision was read.
    /// </exception>
    ValueTask<ComputeNode> UpdateAsync(ComputeNode node, CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record with the same <see cref="ComputeNode.Id"/>, if there is one.</summary>
    /// <param name="node">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is gone.</returns>
    ValueTask DeleteAsync(ComputeNode node, CancellationToken cancellationToken = default);
}
