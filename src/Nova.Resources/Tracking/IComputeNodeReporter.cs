namespace Nova.Resources.Tracking;

/// <summary>
/// Passes compute-node records on to a service outside the host after each audit, such as OpenStack Placement
/// (Nova's <c>_update_to_placement</c>). Register implementations with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IComputeNodeReporter, T&gt;())</c>.
/// </summary>
/// <remarks>
/// A reporter is called after the record is saved, outside the node's lock, also when the record did not change:
/// it decides itself whether anything must be sent. An exception is logged and counted, and shown in the audit's
/// result; it never fails the audit or loses the record, and the next audit reports again.
/// </remarks>
public interface IComputeNodeReporter
{
    /// <summary>Reports a node's current record.</summary>
    /// <param name="node">The record as saved.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is reported.</returns>
    ValueTask ReportAsync(ComputeNode node, CancellationToken cancellationToken = default);

    /// <summary>Reports that a node's record was deleted (an orphan node the driver no longer reports).</summary>
    /// <param name="node">The deleted record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the removal is reported.</returns>
    ValueTask RemoveAsync(ComputeNode node, CancellationToken cancellationToken = default);
}
