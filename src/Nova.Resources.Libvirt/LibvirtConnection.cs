using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;
using Microsoft.Extensions.Logging;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Libvirt;

/// <summary>
/// One libvirt connection, shared by every caller: opened lazily by URI (read-only unless asked otherwise),
/// safe to use from many threads (libvirt's connections are), and disposable. When a call fails with a system
/// or internal error from the RPC or remote layer the connection is marked broken, the failure is logged, and
/// the next call opens a new one, as Nova's <c>Host</c> does.
/// </summary>
/// <remarks>
/// Every method blocks on libvirt; callers run them off their synchronisation context. Each libvirt error is
/// captured on the calling thread right after the failing call, before the connection handle is released.
/// </remarks>
internal sealed unsafe class LibvirtConnection : IDisposable
{
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private volatile State? _state;
    private int _generation;
    private bool _disposed;

    /// <summary>Creates the connection object; nothing is opened until the first call.</summary>
    /// <param name="uri">The libvirt URI, such as <c>qemu:///system</c> or <c>test:///default</c>.</param>
    /// <param name="readOnly">Open a read-only connection.</param>
    /// <param name="logger">Receives connection failures.</param>
    public LibvirtConnection(string uri, bool readOnly, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(logger);
        Uri = uri;
        ReadOnly = readOnly;
        _logger = logger;
    }

    /// <summary>Gets the URI this connection opens.</summary>
    public string Uri { get; }

    /// <summary>Gets a value indicating whether the connection is read-only.</summary>
    public bool ReadOnly { get; }

    /// <summary>Gets how many times a libvirt connection was opened (1 after the first call; more after reconnects).</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Gets a value indicating whether the current connection is known to be broken.</summary>
    public bool IsBroken => _state is { Broken: true };

    /// <summary>Opens the connection now if it is not open (or broken).</summary>
    public void EnsureOpen()
    {
        using var lease = Acquire();
    }

    /// <summary><c>virNodeGetInfo</c>.</summary>
    /// <returns>The host's CPUs and memory.</returns>
    public NodeInfo GetNodeInfo()
    {
        using var lease = Acquire();
        VirNodeInfo info;
        if (LibvirtNative.virNodeGetInfo(lease.Handle, &info) < 0)
        {
            throw Fail("virNodeGetInfo", lease.State);
        }

        return new NodeInfo(
            info.Memory.Value,
            (int)info.Cpus,
            (int)info.Mhz,
            (int)info.Nodes,
            (int)info.Sockets,
            (int)info.Cores,
            (int)info.Threads);
    }

    /// <summary><c>virConnectGetType</c>: the hypervisor type, such as <c>QEMU</c> (a static string, not freed).</summary>
    /// <returns>The type.</returns>
    public string GetHypervisorType()
    {
        using var lease = Acquire();
        byte* type = LibvirtNative.virConnectGetType(lease.Handle);
        if (type is null)
        {
            throw Fail("virConnectGetType", lease.State);
        }

        return Utf8StringMarshaller.ConvertToManaged(type)!;
    }

    /// <summary><c>virConnectGetVersion</c>: major * 1,000,000 + minor * 1,000 + release; 0 when unknown.</summary>
    /// <returns>The hypervisor version.</returns>
    public long GetHypervisorVersion()
    {
        using var lease = Acquire();
        CULong version;
        if (LibvirtNative.virConnectGetVersion(lease.Handle, &version) < 0)
        {
            throw Fail("virConnectGetVersion", lease.State);
        }

        return (long)version.Value;
    }

    /// <summary><c>virConnectGetLibVersion</c>: the libvirt library version.</summary>
    /// <returns>The version.</returns>
    public long GetLibraryVersion()
    {
        using var lease = Acquire();
        CULong version;
        if (LibvirtNative.virConnectGetLibVersion(lease.Handle, &version) < 0)
        {
            throw Fail("virConnectGetLibVersion", lease.State);
        }

        return (long)version.Value;
    }

    /// <summary><c>virConnectGetHostname</c> (the result is freed here).</summary>
    /// <returns>The hypervisor host's name.</returns>
    public string GetHostname()
    {
        using var lease = Acquire();
        byte* name = LibvirtNative.virConnectGetHostname(lease.Handle);
        if (name is null)
        {
            throw Fail("virConnectGetHostname", lease.State);
        }

        return TakeString(name);
    }

    /// <summary><c>virConnectGetCapabilities</c> (the result is freed here).</summary>
    /// <returns>The capabilities XML.</returns>
    public string GetCapabilities()
    {
        using var lease = Acquire();
        byte* xml = LibvirtNative.virConnectGetCapabilities(lease.Handle);
        if (xml is null)
        {
            throw Fail("virConnectGetCapabilities", lease.State);
        }

        return TakeString(xml);
    }

    /// <summary><c>virNodeGetMemoryStats</c> for the whole host.</summary>
    /// <returns>The statistics, or <see langword="null"/> when the connection's driver does not support them.</returns>
    public NodeMemory? GetNodeMemoryStats()
    {
        using var lease = Acquire();
        if (lease.State.MemoryStatsUnsupported)
        {
            return null;
        }

        int count = 0;
        if (LibvirtNative.virNodeGetMemoryStats(lease.Handle, LibvirtNative.NodeMemoryStatsAllCells, null, &count, 0) < 0)
        {
            var error = Fail("virNodeGetMemoryStats", lease.State);
            if (error.Code == LibvirtErrorCode.NoSupport)
            {
                lease.State.MemoryStatsUnsupported = true;
                Log.MemoryStatsUnsupported(_logger, Uri);
                return null;
            }

            throw error;
        }

        Span<VirNodeMemoryStats> stats = count <= 16 ? stackalloc VirNodeMemoryStats[count] : new VirNodeMemoryStats[count];
        fixed (VirNodeMemoryStats* p = stats)
        {
            if (LibvirtNative.virNodeGetMemoryStats(lease.Handle, LibvirtNative.NodeMemoryStatsAllCells, p, &count, 0) < 0)
            {
                throw Fail("virNodeGetMemoryStats", lease.State);
            }

            ulong total = 0, free = 0, buffers = 0, cached = 0;
            for (int i = 0; i < count; i++)
            {
                var field = new ReadOnlySpan<byte>(p[i].Field, 80);
                int end = field.IndexOf((byte)0);
                field = end < 0 ? field : field[..end];
                if (field.SequenceEqual("total"u8))
                {
                    total = p[i].Value;
                }
                else if (field.SequenceEqual("free"u8))
                {
                    free = p[i].Value;
                }
                else if (field.SequenceEqual("buffers"u8))
                {
                    buffers = p[i].Value;
                }
                else if (field.SequenceEqual("cached"u8))
                {
                    cached = p[i].Value;
                }
            }

            return new NodeMemory(total, free, buffers, cached);
        }
    }

    /// <summary><c>virConnectListAllDomains</c>.</summary>
    /// <param name="flags">The <c>VIR_CONNECT_LIST_DOMAINS_*</c> filter.</param>
    /// <returns>The domains; the caller disposes each.</returns>
    public LibvirtDomain[] ListAllDomains(uint flags)
    {
        using var lease = Acquire();
        nint* list = null;
        int count = LibvirtNative.virConnectListAllDomains(lease.Handle, &list, flags);
        if (count < 0)
        {
            throw Fail("virConnectListAllDomains", lease.State);
        }

        try
        {
            var domains = new LibvirtDomain[count];
            for (int i = 0; i < count; i++)
            {
                domains[i] = new LibvirtDomain(this, lease.State, new SafeDomainHandle(list[i]));
            }

            return domains;
        }
        finally
        {
            NativeMemory.Free(list);
        }
    }

    /// <summary>
    /// <c>virConnectListAllNodeDevices</c> for PCI devices, then each device's XML (freed here); every device
    /// object is released with <c>virNodeDeviceFree</c>.
    /// </summary>
    /// <returns>The devices' XML, or <see langword="null"/> when the connection cannot list node devices.</returns>
    public List<string>? ListPciDeviceXml()
    {
        using var lease = Acquire();
        nint* list = null;
        int count = LibvirtNative.virConnectListAllNodeDevices(lease.Handle, &list, LibvirtNative.ListNodeDevicesPciDevice);
        if (count < 0)
        {
            var error = Fail("virConnectListAllNodeDevices", lease.State);
            if (error.Code is LibvirtErrorCode.NoSupport or LibvirtErrorCode.OperationDenied or LibvirtErrorCode.AccessDenied)
            {
                Log.NodeDevicesUnsupported(_logger, Uri, error.LibvirtMessage);
                return null;
            }

            throw error;
        }

        var xml = new List<string>(count);
        LibvirtException? failure = null;
        try
        {
            for (int i = 0; i < count; i++)
            {
                if (failure is null)
                {
                    byte* desc = LibvirtNative.virNodeDeviceGetXMLDesc(list[i], 0);
                    if (desc is null)
                    {
                        failure = Fail("virNodeDeviceGetXMLDesc", lease.State);
                    }
                    else
                    {
                        xml.Add(TakeString(desc));
                    }
                }

                _ = LibvirtNative.virNodeDeviceFree(list[i]);
            }
        }
        finally
        {
            NativeMemory.Free(list);
        }

        return failure is null ? xml : throw failure;
    }

    /// <summary>Closes the connection; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _state?.Handle.Dispose();
            _state = null;
        }
    }

    /// <summary>Reads a string libvirt allocated and frees it.</summary>
    internal static string TakeString(byte* value)
    {
        try
        {
            return Utf8StringMarshaller.ConvertToManaged(value)!;
        }
        finally
        {
            NativeMemory.Free(value);
        }
    }

    /// <summary>
    /// Captures the calling thread's libvirt error for <paramref name="function"/> and, when it means the
    /// connection broke, marks <paramref name="state"/> broken so that the next call reconnects.
    /// </summary>
    internal LibvirtException Fail(string function, State state)
    {
        var error = LibvirtErrors.Capture(function);
        if (error.IsConnectionBroken)
        {
            MarkBroken(state, error);
        }

        return error;
    }

    /// <summary>Marks the current connection broken (when it is still <paramref name="state"/>) and logs why.</summary>
    internal void MarkBroken(State? state, LibvirtException error)
    {
        state ??= _state;
        if (state is not null && !state.Broken)
        {
            state.Broken = true;
            Log.ConnectionBroke(_logger, error.Message, error);
        }
    }

    private Lease Acquire()
    {
        while (true)
        {
            var state = _state;
            if (state is null || state.Broken)
            {
                state = Reconnect(state);
            }

            bool added = false;
            try
            {
                state.Handle.DangerousAddRef(ref added);
                return new Lease(state);
            }
            catch (ObjectDisposedException) when (!added)
            {
                // A reconnect on another thread closed this handle after we read it: take the new one.
                ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
            }
        }
    }

    private State Reconnect(State? observed)
    {
        LibvirtRuntime.EnsureInitialized();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = _state;
            if (current is not null && current != observed && !current.Broken)
            {
                return current;
            }

            Log.Connecting(_logger, Uri);
            SafeConnectHandle handle = ReadOnly ? LibvirtNative.virConnectOpenReadOnly(Uri) : LibvirtNative.virConnectOpen(Uri);
            if (handle.IsInvalid)
            {
                var error = LibvirtErrors.Capture(ReadOnly ? "virConnectOpenReadOnly" : "virConnectOpen");
                handle.Dispose();
                Log.ConnectionFailed(_logger, error.Message, error);
                throw error;
            }

            // The old handle is released once no call holds it any more.
            current?.Handle.Dispose();
            var state = new State(handle, Interlocked.Increment(ref _generation));
            _state = state;
            return state;
        }
    }

    /// <summary>One opened libvirt connection and what was learned about it.</summary>
    internal sealed class State(SafeConnectHandle handle, int generation)
    {
        public SafeConnectHandle Handle { get; } = handle;

        public int Generation { get; } = generation;

        public volatile bool Broken;

        public volatile bool MemoryStatsUnsupported;
    }

    /// <summary>Keeps a connection handle alive for the length of one call.</summary>
    private readonly struct Lease(State state) : IDisposable
    {
        public State State { get; } = state;

        public nint Handle => State.Handle.DangerousGetHandle();

        public void Dispose() => State.Handle.DangerousRelease();
    }
}
