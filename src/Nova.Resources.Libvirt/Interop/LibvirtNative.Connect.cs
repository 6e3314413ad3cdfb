using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

internal static unsafe partial class LibvirtNative
{
    /// <summary><c>virConnectPtr virConnectOpen(const char *name)</c>: a read-write connection, or NULL.</summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial SafeConnectHandle virConnectOpen(string name);

    /// <summary><c>virConnectPtr virConnectOpenReadOnly(const char *name)</c>: a read-only connection, or NULL.</summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial SafeConnectHandle virConnectOpenReadOnly(string name);

    /// <summary><c>int virConnectClose(virConnectPtr conn)</c>: 0 when freed, 1 while references remain, -1 on error.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int virConnectClose(nint conn);

    /// <summary><c>const char *virConnectGetType(virConnectPtr conn)</c>: a static string; never freed.</summary>
    [LibraryImport(LibraryName)]
    internal static partial byte* virConnectGetType(nint conn);

    /// <summary><c>int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)</c>.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int virConnectGetVersion(nint conn, CULong* hvVer);

    /// <summary><c>int virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)</c>.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int virConnectGetLibVersion(nint conn, CULong* libVer);

    /// <summary><c>char *virConnectGetHostname(virConnectPtr conn)</c>: the caller frees the result.</summary>
    [LibraryImport(LibraryName)]
    internal static partial byte* virConnectGetHostname(nint conn);

    /// <summary><c>char *virConnectGetCapabilities(virConnectPtr conn)</c>: XML the caller frees.</summary>
    [LibraryImport(LibraryName)]
    internal static partial byte* virConnectGetCapabilities(nint conn);
}
