using System.Diagnostics;
using System.Globalization;

namespace Nova.Resources.Libvirt.E2E;

/// <summary>The processes the session started: their pid files, their state, and stopping them by PID.</summary>
internal static class Processes
{
    /// <summary>Stops, by PID, every process with a pid file under the runtime directory; returns the PIDs stopped.</summary>
    public static List<int> StopDaemons(string runtime)
    {
        var stopped = new List<int>();
        if (!Directory.Exists(runtime))
        {
            return stopped;
        }

        // The guest first (libvirtd would otherwise reconnect to it), then the daemons.
        var pidFiles = Directory.EnumerateFiles(runtime, "*.pid", SearchOption.AllDirectories)
            .OrderBy(f => f.Contains("/qemu/", StringComparison.Ordinal) ? 0 : 1)
            .ToList();
        foreach (string file in pidFiles)
        {
            if (ReadPid(file) is not { } pid || !IsAlive(pid))
            {
                continue;
            }

            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                stopped.Add(pid);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Exited in between.
            }
        }

        // Wait (bounded) until they are gone or zombies (a daemon's parent is init, which may not reap here).
        var deadline = Stopwatch.StartNew();
        while (stopped.Any(IsAlive) && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(100);
        }

        return stopped;
    }

    public static int? ReadPid(string file)
    {
        try
        {
            return int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether a process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid) => State(pid) is { } state && state != 'Z';

    /// <summary>Whether a process is stopped by a signal.</summary>
    public static bool IsStopped(int pid) => State(pid) == 'T';

    /// <summary>The process's state letter in <c>/proc/PID/stat</c> (R, S, T, Z, ...), or null when it is gone.</summary>
    private static char? State(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length ? stat[close + 2] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Sends a signal (STOP, CONT) to one process by PID with kill(1).</summary>
    public static void Signal(int pid, string signal)
    {
        using var process = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} exited with {process.ExitCode}.");
        }
    }
}
