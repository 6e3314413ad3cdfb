using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Nova.Resources.Libvirt.E2E;

/// <summary>
/// The session's libvirtd stopped with SIGSTOP (a hung hypervisor): a read cancelled by its caller, a call made
/// while that read is stuck, a read on a new connection that hangs in <c>virConnectOpen</c> past
/// <see cref="LibvirtDriverOptions.CallTimeout"/>, and disposing that driver. Each records what it threw and whether
/// libvirtd was still stopped when it returned; libvirtd is always continued (SIGCONT), then the stuck connection
/// is used again once its call has returned.
/// </summary>
internal static class HungDaemon
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CancelAfter = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(Utf8JsonWriter json, string uri, string instances, string runtime, string node)
    {
        int pid = Processes.ReadPid(Path.Combine(runtime, "libvirt", "libvirtd.pid")) ?? throw new InvalidOperationException("libvirtd wrote no pid file.");

        // Without AddLogging: the driver must resolve and work without a logger factory.
        await using var first = Provider(uri, instances);
        var stuck = first.GetRequiredService<LibvirtDriver>();
        await stuck.GetAvailableResourceAsync(node);
        var fresh = Provider(uri, instances);
        var hangsInOpen = fresh.GetRequiredService<LibvirtDriver>();

        json.WriteStartObject("hung");
        Processes.Signal(pid, "STOP");
        try
        {
            using (var cts = new CancellationTokenSource(CancelAfter))
            {
                await Record(json, "cancelled", pid, () => stuck.GetAvailableResourceAsync(node, cts.Token).AsTask());
            }

            await Record(json, "behindStuckCall", pid, () => stuck.GetAvailableNodesAsync().AsTask());
            await Record(json, "timedOut", pid, () => hangsInOpen.GetAvailableResourceAsync(node).AsTask());
            await Record(json, "disposed", pid, () => Task.Run(hangsInOpen.Dispose));
        }
        finally
        {
            Processes.Signal(pid, "CONT");
        }

        // The stuck call returns now that libvirtd runs again; the same driver then works (bounded wait).
        var clock = Stopwatch.StartNew();
        string? lastError = null;
        bool recovered = false;
        while (!recovered && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                recovered = (await stuck.GetAvailableResourceAsync(node))?.HypervisorType == "QEMU";
            }
            catch (Exception e) when (e is TimeoutException or LibvirtException)
            {
                lastError = e.Message;
                await Task.Delay(200);
            }
        }

        json.WriteBoolean("recovered", recovered);
        json.WriteNumber("recoveredSeconds", Math.Round(clock.Elapsed.TotalSeconds, 2));
        json.WriteString("lastErrorBeforeRecovery", lastError);
        json.WriteEndObject();
        await fresh.DisposeAsync();
    }

    private static ServiceProvider Provider(string uri, string instances)
    {
        var services = new ServiceCollection();
        services.AddNovaResources(options => options.Host = "e2e-hung")
            .AddLibvirtDriver(options => (options.ConnectionUri, options.InstancesPath, options.CallTimeout) = (uri, instances, CallTimeout));
        return services.BuildServiceProvider();
    }

    private static async Task Record(Utf8JsonWriter json, string name, int pid, Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        string outcome = "returned";
        string? message = null;
        var work = call();

        // A call that did not come back while libvirtd is stopped is the defect under test: give it a bound.
        if (await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(60))) != work)
        {
            outcome = "still waiting after 60 s";
        }
        else
        {
            try
            {
                await work;
            }
            catch (Exception e)
            {
                outcome = e is OperationCanceledException ? nameof(OperationCanceledException) : e.GetType().Name;
                message = e.Message;
            }
        }

        json.WriteStartObject(name);
        json.WriteString("outcome", outcome);
        json.WriteString("message", message);
        json.WriteNumber("seconds", Math.Round(clock.Elapsed.TotalSeconds, 2));
        json.WriteBoolean("whileStopped", Processes.IsStopped(pid));
        json.WriteEndObject();
    }
}
