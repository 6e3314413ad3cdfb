namespace Nova.Resources.Tracking;

/// <summary>
/// The outcome of one audit of a node (<see cref="ResourceTracker.UpdateAvailableResourceAsync"/>), kept as
/// <see cref="ResourceTracker.LastAudit"/> so that an application or a health check can see a failing audit.
/// </summary>
public sealed class AuditResult
{
    /// <summary>Creates an audit outcome.</summary>
    /// <param name="finishedAt">When the audit finished.</param>
    /// <param name="duration">How long it ran.</param>
    /// <param name="error">Why it failed, or <see langword="null"/> when it succeeded.</param>
    public AuditResult(DateTimeOffset finishedAt, TimeSpan duration, Exception? error = null)
    {
        FinishedAt = finishedAt;
        Duration = duration;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the audit succeeded (<see cref="Error"/> is <see langword="null"/>).</summary>
    public bool Succeeded => Error is null;

    /// <summary>Gets why the audit failed (the driver's, the instance source's or the store's exception), or <see langword="null"/>.</summary>
    public Exception? Error { get; }

    /// <summary>Gets when the audit finished, by the host's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset FinishedAt { get; }

    /// <summary>Gets how long the audit ran.</summary>
    public TimeSpan Duration { get; }
}
