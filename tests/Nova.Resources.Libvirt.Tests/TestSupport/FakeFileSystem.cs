namespace Nova.Resources.Libvirt.Tests.TestSupport;

/// <summary>A statvfs stand-in with fixed sizes, recording the paths asked for.</summary>
internal sealed class FakeFileSystem(ulong totalBytes, ulong freeBytes, ulong usedBytes) : IFileSystemStatsProvider
{
    public const ulong GiB = 1UL << 30;

    public List<string> Paths { get; } = [];

    /// <summary>100 GiB in total, 60.5 GiB free, 39.25 GiB used.</summary>
    public static FakeFileSystem Default() => new(100 * GiB, 60 * GiB + GiB / 2, 39 * GiB + GiB / 4);

    public FileSystemStats GetStats(string path)
    {
        lock (Paths)
        {
            Paths.Add(path);
        }

        return new FileSystemStats(totalBytes, freeBytes, usedBytes);
    }
}
