namespace Nova.Resources.Tracking;

/// <summary>
/// Learns the outcome of every audit of a node, succeeded or failed, such as to keep a heartbeat where an operator can
/// see it (Nova's compute service writes one beside its records: <c>services.updated_at</c> and <c>report_count</c>).
/// Register implementations with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IAuditObserver, T&gt;())</c>.
/// </summary>
/// <remarks>
/// An observer is called after each finished audit, outside the node's lock, after the
/// <see cref="IComputeNodeReporter"/>s: also when the record did not change, and when the audit failed. A cancelled
/// audit is neither and is not observed. An observer's exception is logged; it never fails the audit or changes
/// <see cref="ResourceTracker.LastAudit"/>, and the next audit is observed again.
/// </remarks>
public interface IAuditObserver
{
    /// <summary>Takes the outcome of one audit of a node.</summary>
    /// <param name="host">The compute host (the record's <c>host</c>).</param>
    /// <param name="nodeName">The node (the record's <c>hypervisor_hostname</c>).</param>
    /// <param name="result">The audit's outcome, as <see cref="ResourceTracker.LastAudit"/> now shows it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the outcome is taken.</returns>
    ValueTask AuditedAsync(string host, string nodeName, AuditResult result, CancellationToken cancellationToken = default);
}
