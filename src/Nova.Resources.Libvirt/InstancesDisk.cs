using Microsoft.Extensions.Logging;

namespace Nova.Resources.Libvirt;

/// <summary>
/// Reads the file system of <see cref="LibvirtDriverOptions.InstancesPath"/>. On libvirt's test driver
/// (<c>test:</c> URIs), which has no disks of its own, a missing instances path falls back to the root file
/// system, logged once, so that the documented default works out of the box there; on any other URI a missing
/// path stays an error, since a real host's disk figures must come from the instances' own file system.
/// </summary>
internal sealed class InstancesDisk(LibvirtDriverOptions options, IFileSystemStatsProvider fileSystem, ILogger logger)
{
    /// <summary>The directory read instead of a missing instances path on the test driver.</summary>
    internal const string TestDriverFallback = "/";

    private int _fallbackLogged;

    /// <summary>Reads the instances path's file system (or, on the test driver, the fallback's).</summary>
    /// <exception cref="DirectoryNotFoundException">The instances path does not exist and the URI is not the test driver's.</exception>
    public FileSystemStats GetStats()
    {
        try
        {
            return fileSystem.GetStats(options.InstancesPath);
        }
        catch (DirectoryNotFoundException) when (IsTestDriver(options.ConnectionUri))
        {
            if (Interlocked.Exchange(ref _fallbackLogged, 1) == 0)
            {
                Log.InstancesPathFallback(logger, options.InstancesPath, options.ConnectionUri, TestDriverFallback);
            }

            return fileSystem.GetStats(TestDriverFallback);
        }
    }

    /// <summary>Whether <paramref name="uri"/> opens libvirt's in-process test driver.</summary>
    internal static bool IsTestDriver(string uri) => uri.StartsWith("test:", StringComparison.OrdinalIgnoreCase);
}
