using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>An audit observer that records what it is given, and throws on request.</summary>
internal sealed class TestAuditObserver : IAuditObserver
{
    private readonly Lock _gate = new();

    public List<(string Host, string Node, AuditResult Result)> Observed { get; } = [];

    /// <summary>Gets or sets what every call throws (after recording), or null.</summary>
    public Exception? Failure { get; set; }

    public ValueTask AuditedAsync(string host, string nodeName, AuditResult result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Observed.Add((host, nodeName, result));
        }

        return Failure is { } failure ? ValueTask.FromException(failure) : ValueTask.CompletedTask;
    }
}
