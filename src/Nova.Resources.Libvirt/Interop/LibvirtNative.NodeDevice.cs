using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

internal static unsafe partial class LibvirtNative
{
    /// <summary><c>VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV</c>.</summary>
    internal const uint ListNodeDevicesPciDevice = 1 << 1;

    /// <summary>
    /// <c>int virConnectListAllNodeDevices(virConnectPtr conn, virNodeDevicePtr **devices, unsigned int flags)</c>:
    /// free each element with <see cref="virNodeDeviceFree"/>, then the array.
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial int virConnectListAllNodeDevices(SafeConnectHandle conn, nint** devices, uint flags);

    /// <summary><c>char *virNodeDeviceGetXMLDesc(virNodeDevicePtr dev, unsigned int flags)</c>: XML the caller frees.</summary>
    [LibraryImport(LibraryName)]
    internal static partial byte* virNodeDeviceGetXMLDesc(SafeNodeDeviceHandle device, uint flags);

    /// <summary><c>int virNodeDeviceFree(virNodeDevicePtr dev)</c>.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int virNodeDeviceFree(nint device);
}
