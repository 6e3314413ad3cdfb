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
    internal static partial byte* virConnectGetType(SafeConnectHandle conn);

    /// <summary><c>int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)</c>.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int virConnectGetVersion(SafeConnectHandle conn, CULong* hvVer);

    /// <summary><c>char *virConnectGetHostname(virConnectPtr conn)</c>: the caller frees the result.</summary>
    [LibraryImport(LibraryName)]
    internal static partial byte* virConnectGetHostname(SafeConnectHandle conn);

    /// <summary><c>char *virConnectGetCapabilities(virConnectPtr conn)</c>: XML the caller frees.</summary>
    [LibraryImport(LibraryName)]
    internal static partial byte* virConnectGetCapabilities(SafeConnectHandle conn);
}
