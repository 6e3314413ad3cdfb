using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

internal static unsafe partial class LibvirtNative
{
    /// <summary><c>VIR_CONNECT_LIST_DOMAINS_ACTIVE</c>.</summary>
    internal const uint ListDomainsActive = 1;

    /// <summary><c>VIR_CONNECT_LIST_DOMAINS_INACTIVE</c>.</summary>
    internal const uint ListDomainsInactive = 2;

    /// <summary><c>VIR_UUID_STRING_BUFLEN</c>: 36 characters and the terminator.</summary>
    internal const int UuidStringBufferLength = 37;

    /// <summary>
    /// <c>int virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)</c>: the
    /// array is malloc'd (NULL-terminated); free each element with <see cref="virDomainFree"/>, then the array.
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial int virConnectListAllDomains(SafeConnectHandle conn, nint** domains, uint flags);

    /// <summary><c>int virDomainFree(virDomainPtr domain)</c>.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int virDomainFree(nint domain);

    /// <summary><c>int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)</c>.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int virDomainGetInfo(SafeDomainHandle domain, VirDomainInfo* info);

    /// <summary>
    /// <c>int virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps,
    /// int maplen)</c>: the number of entries filled; <paramref name="cpumaps"/> may be NULL.
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial int virDomainGetVcpus(SafeDomainHandle domain, VirVcpuInfo* info, int maxinfo, byte* cpumaps, int maplen);

    /// <summary><c>const char *virDomainGetName(virDomainPtr domain)</c>: owned by the domain; never freed.</summary>
    [LibraryImport(LibraryName)]
    internal static partial byte* virDomainGetName(SafeDomainHandle domain);

    /// <summary><c>int virDomainGetUUIDString(virDomainPtr domain, char *buf)</c>: <paramref name="buffer"/> holds 37 bytes.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int virDomainGetUUIDString(SafeDomainHandle domain, byte* buffer);

    /// <summary><c>char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)</c>: XML the caller frees.</summary>
    [LibraryImport(LibraryName)]
    internal static partial byte* virDomainGetXMLDesc(SafeDomainHandle domain, uint flags);

    /// <summary><c>int virDomainGetBlockInfo(virDomainPtr domain, const char *disk, virDomainBlockInfoPtr info, unsigned int flags)</c>.</summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int virDomainGetBlockInfo(SafeDomainHandle domain, string disk, VirDomainBlockInfo* info, uint flags);
}
