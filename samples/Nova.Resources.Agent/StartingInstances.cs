using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nova.Resources.Hosting;
using Nova.Resources.Tracking;

namespace Nova.Resources.Agent;

/// <summary>
/// Boots the agent's <c>Agent:Instances</c> simulated instances once the start-up audit has run: each is a claim on the
/// first node, committed, so the host's usage and running VMs are what a busy host's are.
/// </summary>
internal sealed partial class StartingInstances(ComputeResourceManager manager, AgentOptions agent, string host, ILogger<StartingInstances> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (agent.Instances <= 0 || manager.Trackers.Count == 0)
        {
            return;
        }

        var tracker = manager.Trackers.Values.First();
        for (int i = 0; i < agent.Instances; i++)
        {
            var request = new InstanceRequest
            {
                Uuid = string.Create(CultureInfo.InvariantCulture, $"{host}-instance-{i}"),
                Vcpus = agent.InstanceVcpus,
                MemoryMb = agent.InstanceMemoryMb,
                RootGb = agent.InstanceRootGb,
                VmState = "active",
            };
            try
            {
                await using var claim = await tracker.ClaimAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
                claim.Commit();
            }
            catch (Exception ex) when (ex is ComputeResourcesUnavailableException or InvalidOperationException)
            {
                NotBooted(logger, request.Uuid, ex.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning, "Simulated instance {Instance} not booted: {Reason}")]
    private static partial void NotBooted(ILogger logger, string instance, string reason);
}
