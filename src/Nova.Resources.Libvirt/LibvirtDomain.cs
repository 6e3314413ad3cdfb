using System.Runtime.InteropServices.Marshalling;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Libvirt;

/// <summary>
/// A domain returned by <see cref="LibvirtConnection.ListAllDomains"/>. Not shared between threads; dispose it
/// to release the <c>virDomainPtr</c> (it holds a reference on its connection, so it stays valid after a reconnect).
/// </summary>
internal sealed unsafe class LibvirtDomain : IDisposable
{
    private readonly LibvirtConnection _connection;
    private readonly LibvirtConnection.State _state;
    private readonly SafeDomainHandle _handle;

    internal LibvirtDomain(LibvirtConnection connection, LibvirtConnection.State state, SafeDomainHandle handle)
    {
        _connection = connection;
        _state = state;
        _handle = handle;
    }

    private nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary><c>virDomainGetName</c> (owned by the domain, not freed).</summary>
    /// <returns>The name.</returns>
    public string GetName()
    {
        byte* name = LibvirtNative.virDomainGetName(Handle);
        return name is null ? throw _connection.Fail("virDomainGetName", _state) : Utf8StringMarshaller.ConvertToManaged(name)!;
    }

    /// <summary><c>virDomainGetUUIDString</c>.</summary>
    /// <returns>The UUID in its 36-character form.</returns>
    public string GetUuid()
    {
        byte* buffer = stackalloc byte[LibvirtNative.UuidStringBufferLength];
        if (LibvirtNative.virDomainGetUUIDString(Handle, buffer) < 0)
        {
            throw _connection.Fail("virDomainGetUUIDString", _state);
        }

        return Utf8StringMarshaller.ConvertToManaged(buffer)!;
    }

    /// <summary><c>virDomainGetInfo</c>.</summary>
    /// <returns>The state and size.</returns>
    public DomainInfo GetInfo()
    {
        VirDomainInfo info;
        if (LibvirtNative.virDomainGetInfo(Handle, &info) < 0)
        {
            throw _connection.Fail("virDomainGetInfo", _state);
        }

        return new DomainInfo(info.State, info.MaxMem.Value, info.Memory.Value, info.NrVirtCpu);
    }

    /// <summary>
    /// <c>virDomainGetVcpus</c> without CPU maps: the number of vCPU entries libvirt fills, which is what Nova
    /// counts as the domain's vCPUs in use.
    /// </summary>
    /// <param name="maxVcpus">The domain's vCPU count from <see cref="GetInfo"/>.</param>
    /// <returns>The number of entries.</returns>
    public int GetVcpuCount(int maxVcpus)
    {
        if (maxVcpus <= 0)
        {
            maxVcpus = 1;
        }

        Span<VirVcpuInfo> entries = maxVcpus <= 64 ? stackalloc VirVcpuInfo[maxVcpus] : new VirVcpuInfo[maxVcpus];
        fixed (VirVcpuInfo* p = entries)
        {
            int count = LibvirtNative.virDomainGetVcpus(Handle, p, maxVcpus, null, 0);
            return count < 0 ? throw _connection.Fail("virDomainGetVcpus", _state) : count;
        }
    }

    /// <summary><c>virDomainGetXMLDesc</c> (freed here).</summary>
    /// <returns>The domain XML.</returns>
    public string GetXml()
    {
        byte* xml = LibvirtNative.virDomainGetXMLDesc(Handle, 0);
        return xml is null ? throw _connection.Fail("virDomainGetXMLDesc", _state) : LibvirtConnection.TakeString(xml);
    }

    /// <summary><c>virDomainGetBlockInfo</c>.</summary>
    /// <param name="disk">The disk's target name or source path.</param>
    /// <returns>Capacity, allocation and physical size in bytes.</returns>
    public VirDomainBlockInfo GetBlockInfo(string disk)
    {
        VirDomainBlockInfo info;
        return LibvirtNative.virDomainGetBlockInfo(Handle, disk, &info, 0) < 0 ? throw _connection.Fail("virDomainGetBlockInfo", _state) : info;
    }

    /// <summary>Releases the domain (<c>virDomainFree</c>).</summary>
    public void Dispose() => _handle.Dispose();
}
