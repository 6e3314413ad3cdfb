using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Libvirt;

/// <summary>
/// A domain returned by <see cref="LibvirtConnection.ListAllDomains"/>. Not shared between threads; dispose it
/// to release the <c>virDomainPtr</c> (it holds a reference on its connection, so it stays valid after a reconnect).
/// A failed call throws libvirt's error; the caller reports a lost connection to the connection with
/// <see cref="Generation"/>.
/// </summary>
internal sealed unsafe class LibvirtDomain : IDisposable
{
    private readonly SafeDomainHandle _handle;

    internal LibvirtDomain(SafeDomainHandle handle, int generation)
    {
        _handle = handle;
        Generation = generation;
    }

    /// <summary>Gets the number of the connection this domain was listed on.</summary>
    public int Generation { get; }

    /// <summary><c>virDomainGetName</c> (owned by the domain, not freed).</summary>
    /// <returns>The name.</returns>
    public string GetName()
    {
        const string Function = "virDomainGetName";
        LibvirtOperation.Begin(Function);
        return Utf8StringMarshaller.ConvertToManaged(LibvirtErrors.ThrowIfFailed(LibvirtNative.virDomainGetName(_handle), Function))!;
    }

    /// <summary><c>virDomainGetUUIDString</c>.</summary>
    /// <returns>The UUID in its 36-character form.</returns>
    public string GetUuid()
    {
        const string Function = "virDomainGetUUIDString";
        byte* buffer = stackalloc byte[LibvirtNative.UuidStringBufferLength];
        LibvirtOperation.Begin(Function);
        LibvirtErrors.ThrowIfFailed(LibvirtNative.virDomainGetUUIDString(_handle, buffer), Function);
        return Utf8StringMarshaller.ConvertToManaged(buffer)!;
    }

    /// <summary><c>virDomainGetInfo</c>.</summary>
    /// <returns>The state and size.</returns>
    public DomainInfo GetInfo()
    {
        const string Function = "virDomainGetInfo";
        VirDomainInfo info;
        LibvirtOperation.Begin(Function);
        LibvirtErrors.ThrowIfFailed(LibvirtNative.virDomainGetInfo(_handle, &info), Function);
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
        const string Function = "virDomainGetVcpus";
        maxVcpus = Math.Max(maxVcpus, 1);
        Span<VirVcpuInfo> entries = maxVcpus <= 64 ? stackalloc VirVcpuInfo[maxVcpus] : new VirVcpuInfo[maxVcpus];
        fixed (VirVcpuInfo* p = entries)
        {
            LibvirtOperation.Begin(Function);
            return LibvirtErrors.ThrowIfFailed(LibvirtNative.virDomainGetVcpus(_handle, p, maxVcpus, null, 0), Function);
        }
    }

    /// <summary><c>virDomainGetXMLDesc</c>: hands the XML's UTF-8 bytes to <paramref name="read"/>, then frees them.</summary>
    /// <typeparam name="TState">What <paramref name="read"/> needs besides the XML.</typeparam>
    /// <typeparam name="T">What <paramref name="read"/> returns.</typeparam>
    /// <param name="state">Passed to <paramref name="read"/>.</param>
    /// <param name="read">Reads the XML; the bytes are valid only during the call.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    public T ReadXml<TState, T>(TState state, Func<ReadOnlySpan<byte>, TState, T> read)
    {
        const string Function = "virDomainGetXMLDesc";
        LibvirtOperation.Begin(Function);
        byte* xml = LibvirtErrors.ThrowIfFailed(LibvirtNative.virDomainGetXMLDesc(_handle, 0), Function, owned: true);
        try
        {
            return read(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(xml), state);
        }
        finally
        {
            NativeMemory.Free(xml);
        }
    }

    /// <summary><c>virDomainGetBlockInfo</c>.</summary>
    /// <param name="disk">The disk's target name or source path.</param>
    /// <returns>Capacity, allocation and physical size in bytes.</returns>
    public VirDomainBlockInfo GetBlockInfo(string disk)
    {
        const string Function = "virDomainGetBlockInfo";
        VirDomainBlockInfo info;
        LibvirtOperation.Begin(Function);
        LibvirtErrors.ThrowIfFailed(LibvirtNative.virDomainGetBlockInfo(_handle, disk, &info, 0), Function);
        return info;
    }

    /// <summary>Releases the domain (<c>virDomainFree</c>).</summary>
    public void Dispose() => _handle.Dispose();
}
