using Microsoft.Extensions.Logging.Testing;

namespace Nova.Resources.Libvirt.Tests.TestSupport;

/// <summary>
/// A logger that tells when a blocking call its caller abandoned has returned (the driver logs event 509 when a
/// caller stops waiting for a call in progress and event 510 when that call returns).
/// </summary>
internal sealed class ReleaseWatcher
{
    private readonly TaskCompletionSource _returned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReleaseWatcher() => Logger = new FakeLogger(new FakeLogCollector(Microsoft.Extensions.Options.Options.Create(
        new FakeLogCollectorOptions { OutputSink = line => { if (line.Contains("; calls on this connection resume", StringComparison.Ordinal)) { _returned.TrySetResult(); } } })));

    public FakeLogger Logger { get; }

    public bool Abandoned => Logger.Collector.GetSnapshot().Any(r => r.Id.Id == 509);

    /// <summary>Completes when the abandoned call returned, or at once when no call was abandoned mid-way.</summary>
    public Task CallReturned => Abandoned ? _returned.Task : Task.CompletedTask;
}
