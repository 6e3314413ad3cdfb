using System.Runtime.InteropServices;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Libvirt;

/// <summary>The object lists: domains, and the PCI node devices' XML.</summary>
internal sealed unsafe partial class LibvirtConnection
{
    /// <summary><c>virConnectListAllDomains</c>.</summary>
    /// <param name="flags">The <c>VIR_CONNECT_LIST_DOMAINS_*</c> filter.</param>
    /// <returns>The domains; the caller disposes each.</returns>
    public LibvirtDomain[] ListAllDomains(uint flags)
    {
        const string Function = "virConnectListAllDomains";
        var state = Enter(Function);
        nint* list = null;
        int count = LibvirtNative.virConnectListAllDomains(state.Handle, &list, flags);
        if (count < 0)
        {
            throw Fail(Function, state);
        }

        // Every domain is owned before the call ends: ending throws when the caller has gone.
        var domains = count == 0 ? [] : new LibvirtDomain[count];
        for (int i = 0; i < count; i++)
        {
            domains[i] = new LibvirtDomain(new SafeDomainHandle(list[i]), state.Generation);
        }

        NativeMemory.Free(list);
        EndOrRelease(domains);
        return domains;
    }

    /// <summary>
    /// <c>virConnectListAllNodeDevices</c> for PCI devices, then each device's XML (freed here); every device
    /// object is released with <c>virNodeDeviceFree</c>.
    /// </summary>
    /// <returns>The devices' XML, or <see langword="null"/> when the connection cannot list node devices.</returns>
    public List<string>? ListPciDeviceXml()
    {
        const string Function = "virConnectListAllNodeDevices";
        var state = Enter(Function);
        nint* list = null;
        int count = LibvirtNative.virConnectListAllNodeDevices(state.Handle, &list, LibvirtNative.ListNodeDevicesPciDevice);
        if (count < 0)
        {
            var error = Fail(Function, state);
            if (error.Code is LibvirtErrorCode.NoSupport or LibvirtErrorCode.OperationDenied or LibvirtErrorCode.AccessDenied)
            {
                Log.NodeDevicesUnsupported(_logger, Uri, error.LibvirtMessage);
                return null;
            }

            throw error;
        }

        var devices = new SafeNodeDeviceHandle[count];
        for (int i = 0; i < count; i++)
        {
            devices[i] = new SafeNodeDeviceHandle(list[i]);
        }

        NativeMemory.Free(list);
        EndOrRelease(devices);

        var xml = new List<string>(count);
        try
        {
            foreach (var device in devices)
            {
                const string Describe = "virNodeDeviceGetXMLDesc";
                LibvirtOperation.Begin(Describe);
                xml.Add(TakeString(ThrowIfFailed(LibvirtNative.virNodeDeviceGetXMLDesc(device, 0), Describe, state, owned: true)));
            }
        }
        finally
        {
            foreach (var device in devices)
            {
                device.Dispose();
            }
        }

        return xml;
    }

    /// <summary>Ends the list call; when that throws (the caller has gone), releases what the list returned.</summary>
    private static void EndOrRelease<T>(T[] owned)
        where T : IDisposable
    {
        try
        {
            LibvirtOperation.End();
        }
        catch
        {
            foreach (var item in owned)
            {
                item.Dispose();
            }

            throw;
        }
    }
}
