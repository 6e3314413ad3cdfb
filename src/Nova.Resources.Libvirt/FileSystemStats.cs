namespace Nova.Resources.Libvirt;

/// <summary>A file system's sizes in bytes, as Nova's <c>get_fs_info</c> computes them from <c>statvfs</c>.</summary>
/// <param name="TotalBytes"><c>f_frsize * f_blocks</c>.</param>
/// <param name="FreeBytes"><c>f_frsize * f_bavail</c>: free for unprivileged users.</param>
/// <param name="UsedBytes"><c>f_frsize * (f_blocks - f_bfree)</c>.</param>
internal readonly record struct FileSystemStats(ulong TotalBytes, ulong FreeBytes, ulong UsedBytes);
