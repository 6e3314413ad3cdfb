using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nova.Resources.Overview.Tests.Support;

namespace Nova.Resources.Overview.Tests;

/// <summary>
/// <c>samples/overview.sh</c> as a user runs it: it builds the samples, starts PostgreSQL, the hosts and the page, prints
/// the URL, and on SIGTERM stops every process it started, by PID, and removes its files, even when the signal comes
/// twice (a supervisor that repeats itself, or a second Ctrl-C).
/// </summary>
public sealed partial class OverviewScriptTests
{
    [Fact]
    public async Task OverviewScript_TwoHosts_ServesThemAndStopsEverythingItStartedOnSigterm()
    {
        int port = FreePort();
        string logs = Directory.CreateTempSubdirectory("nova-overview-script.").FullName;
        await using var script = ChildProcess.Start(
            "bash", [Repository.Path("samples", "overview.sh"), "--hosts", "2", "--port", port.ToString(CultureInfo.InvariantCulture)],
            Path.Combine(logs, "overview.sh.log"));

        string work = await WaitForWorkDirectoryAsync(script, TimeSpan.FromMinutes(5));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var hosts = await WaitForHostsAsync(http, port, count: 2, TimeSpan.FromMinutes(1));
        hosts.Should().BeEquivalentTo(["compute-1", "compute-2"]);

        int[] started = [.. Children(script.Id), int.Parse(File.ReadAllText(Path.Combine(work, "pg", "pid")).Trim(), CultureInfo.InvariantCulture)];
        string cluster = File.ReadAllText(Path.Combine(work, "pg", "cluster")).Trim();
        started.Should().HaveCountGreaterThanOrEqualTo(4, "two hosts, the page and PostgreSQL");

        // A supervisor that repeats itself: one SIGTERM, then more while the clean-up runs.
        for (int i = 0; i < 6 && !script.HasExited; i++)
        {
            await script.SignalAsync("TERM");
            await Task.Delay(TimeSpan.FromMilliseconds(150));
        }

        int exit = await script.WaitForExitAsync(TimeSpan.FromMinutes(2));

        exit.Should().Be(143, "a SIGTERM ends the script as bash reports a TERM");
        started.Where(IsRunning).Should().BeEmpty($"overview.sh stops what it started; its output:\n{script.Output}");
        Directory.Exists(work).Should().BeFalse("the script removes its working directory");
        Directory.Exists(cluster).Should().BeFalse("PostgreSQL's throwaway cluster is removed");
    }

    private static async Task<string> WaitForWorkDirectoryAsync(ChildProcess script, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (WorkDirectory().Match(script.Output) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            script.HasExited.Should().BeFalse($"overview.sh ended early; its output:\n{script.Output}");
            await Task.Delay(200);
        }

        throw new TimeoutException($"overview.sh printed no URL within {timeout}; its output:\n{script.Output}");
    }

    private static async Task<string[]> WaitForHostsAsync(HttpClient http, int port, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string[] hosts = [];
        while (DateTime.UtcNow < deadline)
        {
            using var overview = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/overview")));
            hosts = [.. overview.RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("host").GetString()!)];
            if (hosts.Length == count)
            {
                return hosts;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"the overview showed [{string.Join(", ", hosts)}], not {count} hosts, after {timeout}");
    }

    /// <summary>The PIDs whose parent is <paramref name="parent"/> (from /proc).</summary>
    private static IEnumerable<int> Children(int parent)
    {
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out int pid) && Stat(pid) is { } stat && stat.Parent == parent)
            {
                yield return pid;
            }
        }
    }

    /// <summary>Alive and not a zombie (an orphan's zombie waits for init, which may never reap it here).</summary>
    private static bool IsRunning(int pid) => Stat(pid) is { } stat && stat.State != 'Z' && stat.State != 'X';

    private static (char State, int Parent)? Stat(int pid)
    {
        try
        {
            // "pid (comm) S ppid ...": the command may hold spaces and parentheses, so read after the last ')'.
            string text = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"logs in (\S+)\)")]
    private static partial Regex WorkDirectory();
}
