using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

/// <summary>The few C library functions the driver needs.</summary>
internal static unsafe partial class Libc
{
    /// <summary>The GNU C library.</summary>
    internal const string LibraryName = "libc.so.6";

    /// <summary><c>int statvfs(const char *path, struct statvfs *buf)</c>: 0, or -1 with errno set.</summary>
    [LibraryImport(LibraryName, EntryPoint = "statvfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Statvfs(string path, StatVfs* buffer);
}
