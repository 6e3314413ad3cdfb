using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

internal static unsafe partial class LibvirtNative
{
    /// <summary><c>VIR_NODE_MEMORY_STATS_ALL_CELLS</c>: the whole host rather than one NUMA cell.</summary>
    internal const int NodeMemoryStatsAllCells = -1;

    /// <summary><c>int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)</c>.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int virNodeGetInfo(SafeConnectHandle conn, VirNodeInfo* info);

    /// <summary>
    /// <c>int virNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params, int *nparams,
    /// unsigned int flags)</c>: call with <paramref name="parameters"/> NULL and <c>*nparams = 0</c> for the count.
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial int virNodeGetMemoryStats(SafeConnectHandle conn, int cellNum, VirNodeMemoryStats* parameters, int* nparams, uint flags);
}
