using System.Globalization;

namespace Nova.Resources.Tracking;

/// <summary>
/// A claim was refused: the node cannot take the instance (Nova's <c>ComputeResourcesUnavailable</c>).
/// </summary>
/// <remarks>
/// A failed limit test reads <c>Insufficient compute resources: Free memory 1024.00 MB &lt; requested 2048 MB.</c>
/// (several reasons joined by <c>"; "</c>); a claim on a node whose tracking is disabled or not yet audited
/// reads <c>Attempt to claim resources for instance &lt;uuid&gt; on unknown node &lt;node&gt; failed</c>; a claim on a
/// node that has no record because its last audit failed says so, and why, with that failure as the inner exception.
/// </remarks>
public sealed class ComputeResourcesUnavailableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ComputeResourcesUnavailableException()
        : this("Insufficient compute resources.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ComputeResourcesUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ComputeResourcesUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private ComputeResourcesUnavailableException(string message, IReadOnlyList<string> reasons)
        : base(message)
    {
        Reasons = reasons;
    }

    /// <summary>Gets the reasons a limit test failed, in Nova's order (memory, disk, vCPU); empty for other refusals.</summary>
    public IReadOnlyList<string> Reasons { get; } = [];

    internal static ComputeResourcesUnavailableException ForReasons(IReadOnlyList<string> reasons)
        => new($"Insufficient compute resources: {string.Join("; ", reasons)}.", reasons);

    /// <summary>
    /// A claim on a node without a record: when its last audit failed, that failure and its cause (the inner
    /// exception); otherwise (not audited yet, or tracking disabled) Nova's "unknown node" message.
    /// </summary>
    internal static ComputeResourcesUnavailableException NoRecord(string instanceUuid, string nodeName, AuditResult? lastAudit)
        => lastAudit?.Error is { } error
            ? new(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Attempt to claim resources for instance {instanceUuid} on node {nodeName} failed: the node has no compute-node record"
                    + $" because its last audit failed at {lastAudit.FinishedAt:u}: {error.Message}"),
                error)
            : new($"Attempt to claim resources for instance {instanceUuid} on unknown node {nodeName} failed");
}
