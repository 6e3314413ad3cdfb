using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nova.Resources;
using Nova.Resources.Compute;
using Nova.Resources.Hosting;

namespace Nova.Resources.Libvirt.E2E;

/// <summary>
/// Runs as an unprivileged user with <c>HOME</c> and <c>XDG_RUNTIME_DIR</c> in a fresh directory (the first argument):
/// audits <c>qemu:///session</c> through <see cref="LibvirtDriver"/> and <see cref="ComputeResourceManager"/>, boots a
/// diskless 2-vCPU, 64 MiB TCG guest with <c>virsh create</c>, audits, destroys it, audits again, then stops every
/// process the session started (the guest, libvirtd, virtlogd) by the PIDs in their pid files. The last line of
/// standard output is <c>E2E-RESULT</c> and a JSON object with the three audits, or the error.
/// </summary>
internal static class Program
{
    private const string Uri = "qemu:///session";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 1 || !Directory.Exists(args[0]))
        {
            await Console.Error.WriteLineAsync("usage: Nova.Resources.Libvirt.E2E <work directory>");
            return 2;
        }

        string work = args[0];
        string runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") ?? throw new InvalidOperationException("XDG_RUNTIME_DIR is not set.");
        string name = "nova-e2e-" + Guid.NewGuid().ToString("N")[..8];
        using var stream = new MemoryStream();
        var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("guest", name);
        int exitCode = 1;
        bool guestRunning = false;
        var logs = new StderrLoggerProvider();
        try
        {
            // QEMU's console output to a file rather than through virtlogd: one daemon fewer to start and stop.
            string config = Path.Combine(work, ".config", "libvirt");
            Directory.CreateDirectory(config);
            await File.WriteAllTextAsync(Path.Combine(config, "qemu.conf"), "stdio_handler = \"file\"\n");
            string instances = Path.Combine(work, "instances");
            Directory.CreateDirectory(instances);

            // libvirt's and libxml2's own error printers must stay quiet: the test reads this process's stderr.
            await QuietErrors.RunAsync(json, instances);

            var services = new ServiceCollection();
            services.AddLogging(logging => logging.AddProvider(logs));
            services.AddNovaResources(options => options.Host = "e2e-host")
                .AddLibvirtDriver(options =>
                {
                    options.ConnectionUri = Uri;
                    options.InstancesPath = instances;
                });
            await using var provider = services.BuildServiceProvider();
            var driver = provider.GetRequiredService<IComputeDriver>();
            var manager = provider.GetRequiredService<ComputeResourceManager>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var token = timeout.Token;

            var clock = Stopwatch.StartNew();
            await Audit(json, "before", driver, manager, token);
            json.WriteNumber("firstAuditSeconds", Math.Round(clock.Elapsed.TotalSeconds, 1));

            string domainXml = Path.Combine(work, name + ".xml");
            await File.WriteAllTextAsync(domainXml, DomainXml(name), token);
            Virsh("create", domainXml);
            guestRunning = true;
            json.WriteString("uuid", Virsh("domuuid", name).Trim());
            json.WriteNumber("qemuPid", Processes.ReadPid(Path.Combine(runtime, "libvirt", "qemu", "run", name + ".pid")) ?? -1);
            await Audit(json, "running", driver, manager, token);

            Virsh("destroy", name);
            guestRunning = false;
            await Audit(json, "destroyed", driver, manager, token);

            await HungDaemon.RunAsync(json, Uri, instances, runtime, (await driver.GetAvailableNodesAsync(token)).Single());

            json.WriteStartArray("warnings");
            foreach (string warning in logs.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            json.WriteBoolean("ok", true);
            exitCode = 0;
        }
        catch (Exception e)
        {
            json.WriteBoolean("ok", false);
            json.WriteString("error", e.ToString());
        }
        finally
        {
            if (guestRunning)
            {
                TryVirsh("destroy", name);
            }

            // Everything the session started wrote a pid file under XDG_RUNTIME_DIR (libvirtd, virtlogd, the guest).
            json.WriteStartArray("stopped");
            foreach (int pid in Processes.StopDaemons(runtime))
            {
                json.WriteNumberValue(pid);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync();
        }

        Console.WriteLine("E2E-RESULT " + Encoding.UTF8.GetString(stream.ToArray()));
        return exitCode;
    }

    /// <summary>A diskless TCG guest with 2 vCPUs and 64 MiB; with no disk and no NIC the firmware just waits.</summary>
    private static string DomainXml(string name) => $"""
        <domain type='qemu'>
          <name>{name}</name>
          <memory unit='MiB'>64</memory>
          <vcpu>2</vcpu>
          <os><type arch='x86_64'>hvm</type></os>
          <devices><console type='pty'/></devices>
        </domain>
        """;

    /// <summary>One audit: the driver's resources and per-instance usage, then the manager's record of the node.</summary>
    private static async Task Audit(Utf8JsonWriter json, string label, IComputeDriver driver, ComputeResourceManager manager, CancellationToken token)
    {
        var nodes = await driver.GetAvailableNodesAsync(token);
        string node = nodes.Single();
        var resources = await driver.GetAvailableResourceAsync(node, token) ?? throw new InvalidOperationException("The driver reported no resources.");
        var instances = await driver.GetPerInstanceUsageAsync(node, token);
        await manager.UpdateAvailableResourceAsync(token);
        var record = manager.GetTracker(node).ComputeNode ?? throw new InvalidOperationException("The audit left no compute node record.");

        json.WriteStartObject(label);
        json.WriteString("node", node);
        json.WriteString("hypervisorType", resources.HypervisorType);
        json.WriteNumber("hypervisorVersion", resources.HypervisorVersion);
        json.WriteNumber("vcpus", resources.Vcpus ?? -1);
        json.WriteNumber("vcpusUsed", resources.VcpusUsed ?? -1);
        json.WriteNumber("memoryMb", resources.MemoryMb ?? -1);
        json.WriteNumber("memoryMbUsed", resources.MemoryMbUsed ?? -1);
        json.WriteString("cpuInfoArch", resources.CpuInfo?.Arch);
        json.WriteNumber("numaCells", resources.NumaTopology?.Cells.Count ?? 0);
        json.WriteStartArray("instances");
        foreach (var instance in instances)
        {
            json.WriteStartObject();
            json.WriteString("uuid", instance.Uuid);
            json.WriteString("name", instance.Name);
            json.WriteNumber("vcpus", instance.Vcpus);
            json.WriteNumber("memoryMb", instance.MemoryMb);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("record");
        json.WriteNumber("vcpus", record.Vcpus);
        json.WriteNumber("vcpusUsed", record.VcpusUsed);
        json.WriteNumber("memoryMb", record.MemoryMb);
        json.WriteNumber("memoryMbUsed", record.MemoryMbUsed);
        json.WriteNumber("freeRamMb", record.FreeRamMb);
        json.WriteNumber("runningVms", record.RunningVms);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Virsh(params string[] arguments)
    {
        var start = new ProcessStartInfo("virsh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Uri);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("virsh did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"virsh {string.Join(' ', arguments)} did not finish in {CommandTimeout.TotalSeconds} s.");
        }

        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException($"virsh {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
    }

    private static void TryVirsh(params string[] arguments)
    {
        try
        {
            Virsh(arguments);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"cleanup: {e.Message}");
        }
    }
}
