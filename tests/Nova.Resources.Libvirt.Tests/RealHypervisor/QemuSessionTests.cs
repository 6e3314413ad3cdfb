using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Nova.Resources.Libvirt.Tests.RealHypervisor;

/// <summary>
/// libvirt's real QEMU driver, unprivileged and without KVM: the Nova.Resources.Libvirt.E2E program runs as
/// <c>nobody</c> (through <c>setpriv</c> when the tests run as root) with a fresh <c>HOME</c>/<c>XDG_RUNTIME_DIR</c>,
/// so <c>qemu:///session</c> starts its own libvirtd. It audits, boots a diskless 2-vCPU, 64 MiB TCG guest, audits,
/// destroys it and audits again, then stops libvirtd with SIGSTOP and checks that cancelled, timed-out and disposed
/// callers all come back while it is stopped. This test checks the audits, the hung-daemon steps and the program's
/// stderr (libxml2 must print nothing), then that no process the run started is left (it stops any it finds, by
/// PID) and removes the directory. The program runs from a copy inside that directory, which <c>nobody</c> owns,
/// so the checkout may be where <c>nobody</c> cannot enter. Needs Debian's libvirt-daemon,
/// libvirt-daemon-driver-qemu, qemu-system-x86 and libvirt-clients (tests/run.sh installs them).
/// </summary>
public sealed class QemuSessionTests(ITestOutputHelper output)
{
    private const int Nobody = 65534;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Audit_TcgGuestBootedAndDestroyed_IsCountedThenReleased()
    {
        foreach (string tool in new[] { "/usr/sbin/libvirtd", "/usr/bin/qemu-system-x86_64", "/usr/bin/virsh" })
        {
            File.Exists(tool).Should().BeTrue("{0} is needed (tests/run.sh installs libvirt-daemon, libvirt-daemon-driver-qemu, qemu-system-x86, libvirt-clients)", tool);
        }

        string work = Directory.CreateTempSubdirectory("nova-e2e-").FullName;
        JsonElement result;
        string stderr;
        List<int> leftovers;
        try
        {
            // nobody may not be able to enter the checkout (a 0700 home or mktemp -d folder): run a copy it owns.
            string program = CopyProgram(Path.Combine(work, "program"));
            bool root = IsRoot();
            if (root)
            {
                Run("chown", "-R", $"{Nobody}:{Nobody}", work);
            }

            try
            {
                (result, stderr) = await RunProgram(work, program, root);
            }
            finally
            {
                // The program stops what it started; anything still running with our directory in its environment
                // or command line (libvirtd, virtlogd, qemu) is a leak: stop it by PID, then fail below.
                leftovers = StopLeftovers(work);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        leftovers.Should().BeEmpty("the end-to-end program must stop every process it started");
        result.GetProperty("ok").GetBoolean().Should().BeTrue(result.TryGetProperty("error", out var error) ? error.GetString() : "no error");

        var before = result.GetProperty("before");
        var running = result.GetProperty("running");
        var destroyed = result.GetProperty("destroyed");
        string uuid = result.GetProperty("uuid").GetString()!;

        foreach (var audit in new[] { before, running, destroyed })
        {
            audit.GetProperty("hypervisorType").GetString().Should().Be("QEMU");
            audit.GetProperty("hypervisorVersion").GetInt64().Should().BeGreaterThan(0);
            audit.GetProperty("vcpus").GetInt32().Should().BeGreaterThan(0);
            audit.GetProperty("memoryMbUsed").GetInt64().Should().BeInRange(0, audit.GetProperty("memoryMb").GetInt64());
            audit.GetProperty("cpuInfoArch").GetString().Should().Be("x86_64");
        }

        // Our own session: nothing runs before or after; the guest's 2 vCPUs count while it runs.
        before.GetProperty("vcpusUsed").GetInt32().Should().Be(0);
        before.GetProperty("instances").GetArrayLength().Should().Be(0);
        running.GetProperty("vcpusUsed").GetInt32().Should().Be(2);
        var instance = running.GetProperty("instances").EnumerateArray().Should().ContainSingle().Subject;
        instance.GetProperty("uuid").GetString().Should().Be(uuid);
        instance.GetProperty("name").GetString().Should().Be(result.GetProperty("guest").GetString());
        instance.GetProperty("vcpus").GetInt32().Should().Be(2);
        instance.GetProperty("memoryMb").GetInt64().Should().Be(64);
        destroyed.GetProperty("vcpusUsed").GetInt32().Should().Be(0);
        destroyed.GetProperty("instances").GetArrayLength().Should().Be(0);

        // The tracker's record: the untracked guest is an orphan whose 64 MiB count as used, then are released.
        long reserved = before.GetProperty("record").GetProperty("memoryMbUsed").GetInt64();
        reserved.Should().Be(512, "reserved_host_memory_mb's default");
        running.GetProperty("record").GetProperty("memoryMbUsed").GetInt64().Should().Be(reserved + 64);
        destroyed.GetProperty("record").GetProperty("memoryMbUsed").GetInt64().Should().Be(reserved);
        result.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).Should()
            .Contain($"Detected running orphan instance: {uuid} (consuming 64 MB memory)");
        result.GetProperty("stopped").GetArrayLength().Should().BeGreaterThan(0, "libvirtd was started for the session and must be stopped");

        // libvirt's error for a missing node file reached the program as an exception, and libxml2 printed nothing.
        result.GetProperty("quiet").GetProperty("error").GetString().Should().Contain("XML error: failed to parse xml document '/nonexistent.xml'");
        stderr.Should().NotContain("I/O warning").And.NotContain("failed to load external entity");

        AssertHungDaemon(result.GetProperty("hung"));
    }

    /// <summary>The session's libvirtd under SIGSTOP: every call came back while it was still stopped.</summary>
    private static void AssertHungDaemon(JsonElement hung)
    {
        var cancelled = hung.GetProperty("cancelled");
        cancelled.GetProperty("outcome").GetString().Should().Be(nameof(OperationCanceledException), "the read's token was cancelled after 1 s");
        cancelled.GetProperty("whileStopped").GetBoolean().Should().BeTrue("the caller must not wait for libvirtd to resume");

        var behind = hung.GetProperty("behindStuckCall");
        behind.GetProperty("outcome").GetString().Should().Be(nameof(TimeoutException));
        behind.GetProperty("message").GetString().Should().MatchRegex(
            "^GetAvailableNodesAsync was not called: vir[A-Za-z]+ on qemu:///session has not returned for [0-9.]+ s \\(Libvirt:CallTimeout is 00:00:03\\); calls on this connection resume once it returns\\.$");
        behind.GetProperty("whileStopped").GetBoolean().Should().BeTrue();

        var timedOut = hung.GetProperty("timedOut");
        timedOut.GetProperty("outcome").GetString().Should().Be(nameof(TimeoutException));
        timedOut.GetProperty("message").GetString().Should().MatchRegex(
            "^virConnectOpenReadOnly on qemu:///session did not return within 00:00:03 \\(Libvirt:CallTimeout\\)\\. ");
        timedOut.GetProperty("whileStopped").GetBoolean().Should().BeTrue("the per-call timeout released the caller");

        var disposed = hung.GetProperty("disposed");
        disposed.GetProperty("outcome").GetString().Should().Be("returned");
        disposed.GetProperty("whileStopped").GetBoolean().Should().BeTrue("Dispose must not wait for the hung virConnectOpen");

        hung.GetProperty("recovered").GetBoolean().Should().BeTrue("the stuck call returned once libvirtd continued: {0}", hung.GetProperty("lastErrorBeforeRecovery").GetString());
    }

    /// <summary>Copies the end-to-end program (its assemblies and runtime files) from beside the tests.</summary>
    private static string CopyProgram(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (string file in Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            string name = Path.GetFileName(file);
            if (name.EndsWith(".dll", StringComparison.Ordinal) || name.StartsWith("Nova.Resources.Libvirt.E2E.", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(directory, name));
            }
        }

        return Path.Combine(directory, "Nova.Resources.Libvirt.E2E.dll");
    }

    private async Task<(JsonElement Result, string Stderr)> RunProgram(string work, string program, bool root)
    {
        string dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(root ? "setpriv" : "env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (root)
        {
            foreach (string argument in new[] { $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "env" })
            {
                start.ArgumentList.Add(argument);
            }
        }

        // A clean environment: the session's libvirtd and QEMU live under the work directory only.
        foreach (string argument in new[]
        {
            "-i", $"HOME={work}", $"XDG_RUNTIME_DIR={Path.Combine(work, "run")}", "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
            "DOTNET_CLI_TELEMETRY_OPTOUT=1", "DOTNET_NOLOGO=1", dotnet, "exec", program, work,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        string log = await stderr;
        output.WriteLine(log);
        string? line = (await stdout).Split('\n').LastOrDefault(l => l.StartsWith("E2E-RESULT ", StringComparison.Ordinal));
        line.Should().NotBeNull("the program must print its result (exit code {0}, {1}); stderr:\n{2}", process.ExitCode, timeout.IsCancellationRequested ? "timed out" : "finished", log);
        output.WriteLine(line);
        return (JsonDocument.Parse(line!["E2E-RESULT ".Length..]).RootElement.Clone(), log);
    }

    /// <summary>Stops, by PID, every live process whose environment or command line names the work directory.</summary>
    private static List<int> StopLeftovers(string work)
    {
        var found = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                string environment = File.ReadAllText(Path.Combine(dir, "environ"));
                string commandLine = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (environment.Contains(work, StringComparison.Ordinal) || commandLine.Contains(work, StringComparison.Ordinal))
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone in between, or not ours to read.
            }
        }

        return found;
    }

    private static bool IsRoot() => File.ReadAllLines("/proc/self/status")
        .FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?
        .Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0";

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(file, arguments);
        process.WaitForExit();
        process.ExitCode.Should().Be(0, "{0} {1}", file, string.Join(' ', arguments));
    }
}
