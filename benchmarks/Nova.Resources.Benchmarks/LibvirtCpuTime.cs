using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Nova.Resources.Libvirt;

namespace Nova.Resources.Benchmarks;

/// <summary>
/// The process CPU time of one whole libvirt read on test:///default, for the C sequence and the three .NET ways,
/// measured in interleaved rounds (<c>--libvirt-cpu-time</c>). On a machine shared with other work, wall-clock
/// means move with the load (one BenchmarkDotNet run saw the C read take 19 µs and 84 µs); the CPU time the
/// process itself spends on a read moves far less. It counts every thread of the process, so a read that hands
/// work to the thread pool pays for both threads' spinning too.
/// </summary>
internal static class LibvirtCpuTime
{
    private const int Rounds = 9;
    private const int Reads = 4000;

    public static void Run()
    {
        string instances = Directory.CreateTempSubdirectory("nova-bench-instances-").FullName;
        using var c = new LibvirtCBaseline("test:///default", instances);
        using var driver = new LibvirtDriver(
            new LibvirtDriverOptions { ConnectionUri = "test:///default", InstancesPath = instances },
            NullLogger.Instance,
            StatvfsFileSystemStatsProvider.Instance);
        var ways = new (string Name, Action Read)[]
        {
            ("C (libvirt_bench.c)", () => c.WholeRead()),
            ("ReadResourcesInline", () => driver.ReadResources(CancellationToken.None)),
            ("GetAvailableResourceAwaited", () => Awaited(driver).GetAwaiter().GetResult()),
            ("GetAvailableResource (blocking caller)", () => driver.GetAvailableResourceAsync("node").AsTask().GetAwaiter().GetResult()),
        };
        var samples = ways.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < Rounds; round++)
        {
            for (int w = 0; w < ways.Length; w++)
            {
                samples[w].Add(Measure(ways[w].Name, ways[w].Read));
            }
        }

        Directory.Delete(instances);
        double baseline = Median(samples[0]);
        Console.WriteLine("| read | CPU µs per read (median of " + Rounds + " rounds of " + Reads + ") | / C |");
        Console.WriteLine("|---|---:|---:|");
        for (int w = 0; w < ways.Length; w++)
        {
            double median = Median(samples[w]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {ways[w].Name} | {median:F1} | {median / baseline:F2} |"));
        }
    }

    /// <summary>Sixteen reads awaited in turn from a thread-pool thread, as <c>GetAvailableResourceAwaited</c>.</summary>
    private static Task Awaited(LibvirtDriver driver) => Task.Run(async () =>
    {
        for (int i = 0; i < 16; i++)
        {
            _ = await driver.GetAvailableResourceAsync("node");
        }
    });

    private static double Measure(string name, Action read)
    {
        int calls = name.StartsWith("GetAvailableResourceAwaited", StringComparison.Ordinal) ? Reads / 16 : Reads;
        int perCall = calls == Reads ? 1 : 16;
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        for (int i = 0; i < calls; i++)
        {
            read();
        }

        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMicroseconds / (calls * perCall);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
