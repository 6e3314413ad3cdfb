using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

internal static unsafe partial class LibvirtNative
{
    /// <summary><c>int virInitialize(void)</c>: 0 on success, -1 on failure.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int virInitialize();

    /// <summary>
    /// <c>void virSetErrorFunc(void *userData, virErrorFunc handler)</c>: the process-wide error handler;
    /// NULL restores the default one, which prints every error to stderr.
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial void virSetErrorFunc(nint userData, delegate* unmanaged<nint, VirError*, void> handler);

    /// <summary>
    /// <c>int virCopyLastError(virErrorPtr to)</c>: copies this thread's last error; returns its code, 0 when
    /// there is none. The copy's strings are released with <see cref="virResetError"/>.
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial int virCopyLastError(VirError* to);

    /// <summary><c>void virResetError(virErrorPtr err)</c>: frees the strings of an error copy.</summary>
    [LibraryImport(LibraryName)]
    internal static partial void virResetError(VirError* err);
}
