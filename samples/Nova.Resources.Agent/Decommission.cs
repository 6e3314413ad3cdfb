using Microsoft.Extensions.Hosting;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;

namespace Nova.Resources.Agent;

/// <summary>
/// When the agent stops, its driver stops reporting every node and one last audit runs: the library's orphan deletion
/// then deletes the host's compute-node records (and, with Placement, their providers), so the cluster stops counting
/// a host that left. Registered before the audit service, so it stops after it and no periodic audit writes them back.
/// </summary>
internal sealed class Decommission(FakeComputeDriver driver, ComputeResourceManager manager) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        driver.SetNodes();
        await manager.UpdateAvailableResourceAsync(cancellationToken).ConfigureAwait(false);
    }
}
