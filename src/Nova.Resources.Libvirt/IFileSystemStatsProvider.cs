namespace Nova.Resources.Libvirt;

/// <summary>Reads a file system's sizes; the seam that lets tests fake <c>statvfs</c>.</summary>
internal interface IFileSystemStatsProvider
{
    /// <summary>Returns the sizes of the file system holding <paramref name="path"/>.</summary>
    /// <param name="path">A path on the file system.</param>
    /// <returns>The sizes.</returns>
    /// <exception cref="DirectoryNotFoundException">The path does not exist.</exception>
    /// <exception cref="IOException">The sizes cannot be read.</exception>
    FileSystemStats GetStats(string path);
}
