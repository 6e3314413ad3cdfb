using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nova.Resources.Tracking;

namespace Nova.Resources.Agent;

/// <summary>
/// Deletes this host's compute-node records when the agent stops, so the cluster stops counting a host that left.
/// Registered before the audit service, so it stops after it: no audit can write the records back.
/// </summary>
internal sealed partial class RecordRemover(IComputeNodeStore store, string host, ILogger<RecordRemover> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var node in await store.GetByHostAsync(host, cancellationToken).ConfigureAwait(false))
        {
            await store.DeleteAsync(node, cancellationToken).ConfigureAwait(false);
            Deleted(logger, node.HypervisorHostname, host);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Deleted compute node record {Node} of host {Host} on shutdown")]
    private static partial void Deleted(ILogger logger, string node, string host);
}
