using System.Runtime.InteropServices;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Libvirt;

/// <summary>Reads a file system's sizes with libc's <c>statvfs</c>.</summary>
internal sealed unsafe class StatvfsFileSystemStatsProvider : IFileSystemStatsProvider
{
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    /// <summary>The shared instance.</summary>
    public static StatvfsFileSystemStatsProvider Instance { get; } = new();

    /// <inheritdoc />
    public FileSystemStats GetStats(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        StatVfs stats;
        if (Libc.Statvfs(path, &stats) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            string reason = Marshal.GetPInvokeErrorMessage(errno);
            if (errno is ENOENT or ENOTDIR)
            {
                throw new DirectoryNotFoundException(
                    $"The instances path '{path}' does not exist ({reason}). Set Libvirt:InstancesPath "
                    + "(Nova's instances_path) to the directory that holds the instances' disks.");
            }

            throw new IOException($"statvfs('{path}') failed for Libvirt:InstancesPath (Nova's instances_path): {reason} (errno {errno}).");
        }

        ulong unit = stats.FragmentSize.Value;
        return new FileSystemStats(unit * stats.Blocks, unit * stats.BlocksAvailable, unit * (stats.Blocks - stats.BlocksFree));
    }
}
