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
/// Every method blocks on libvirt. The handle is passed to libvirt as a <see cref="SafeHandle"/>, so the
/// marshaller keeps it alive for the length of each call even when a reconnect or <see cref="Dispose"/> replaces
/// it meanwhile. Each libvirt error is captured on the calling thread right after the failing call.
/// </remarks>
internal sealed unsafe partial class LibvirtConnection : IDisposable
{
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Lock _openGate = new();
    private volatile State? _state;
    private volatile bool _disposed;

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

    /// <summary>Closes the connection (once no call uses it any more); later calls throw <see cref="ObjectDisposedException"/>.</summary>
    /// <remarks>Never waits for a call in progress, not even a hung <c>virConnectOpen</c>.</remarks>
    public void Dispose()
    {
        State? state;
        lock (_gate)
        {
            _disposed = true;
            state = _state;
            _state = null;
        }

        state?.Handle.Dispose();
    }

    /// <summary>
    /// Marks the connection of <paramref name="generation"/> broken when <paramref name="error"/> says the
    /// connection was lost (a failure seen through one of its domains), so that the next call reconnects.
    /// </summary>
    internal void ReportFailure(int generation, LibvirtException error)
    {
        if (error.IsConnectionBroken && _state is { } state && state.Generation == generation)
        {
            MarkBroken(state, error);
        }
    }

    /// <summary>Reads a string libvirt allocated and frees it.</summary>
    private static string TakeString(byte* value)
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

    /// <summary>The current connection, opened first when there is none or it broke, with <paramref name="function"/> begun on it.</summary>
    private State Enter(string function)
    {
        var state = _state;
        if (state is null || state.Broken)
        {
            state = Reconnect(state);
        }

        LibvirtOperation.Begin(function);
        return state;
    }

    /// <summary>Ends the call and throws libvirt's error when <paramref name="result"/> is negative.</summary>
    private int ThrowIfFailed(int result, string function, State state) =>
        result >= 0 ? End(result) : throw Fail(function, state);

    /// <summary>Ends the call and throws libvirt's error when <paramref name="result"/> is NULL.</summary>
    private byte* ThrowIfFailed(byte* result, string function, State state, bool owned = false)
    {
        if (result is null)
        {
            throw Fail(function, state);
        }

        LibvirtErrors.EndOrFree(result, owned);
        return result;
    }

    private static int End(int result)
    {
        LibvirtOperation.End();
        return result;
    }

    /// <summary>
    /// Ends the call, captures the calling thread's libvirt error for <paramref name="function"/> and, when it
    /// means the connection broke, marks <paramref name="state"/> broken so that the next call reconnects.
    /// </summary>
    private LibvirtException Fail(string function, State state)
    {
        var error = LibvirtErrors.Fail(function);
        if (error.IsConnectionBroken)
        {
            MarkBroken(state, error);
        }

        return error;
    }

    private void MarkBroken(State state, LibvirtException error)
    {
        if (!state.Broken)
        {
            state.Broken = true;
            Log.ConnectionBroke(_logger, error.Message, error);
        }
    }

    /// <summary>
    /// Opens a new connection unless another thread already replaced <paramref name="observed"/>. The open runs
    /// outside <see cref="_gate"/>, so <see cref="Dispose"/> never waits for it.
    /// </summary>
    private State Reconnect(State? observed)
    {
        LibvirtRuntime.EnsureInitialized();
        lock (_openGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = _state;
            if (current is not null && current != observed && !current.Broken)
            {
                return current;
            }

            string function = ReadOnly ? "virConnectOpenReadOnly" : "virConnectOpen";
            Log.Connecting(_logger, Uri);
            LibvirtOperation.Begin(function);
            SafeConnectHandle handle = ReadOnly ? LibvirtNative.virConnectOpenReadOnly(Uri) : LibvirtNative.virConnectOpen(Uri);
            if (handle.IsInvalid)
            {
                var error = LibvirtErrors.Capture(function);
                handle.Dispose();
                Log.ConnectionFailed(_logger, error.Message, error);
                LibvirtOperation.End();
                throw error;
            }

            State state;
            lock (_gate)
            {
                if (_disposed)
                {
                    handle.Dispose();
                    LibvirtOperation.End();
                    throw new ObjectDisposedException(GetType().FullName);
                }

                current = _state;
                state = new State(handle, (current?.Generation ?? 0) + 1);
                _state = state;
            }

            // The old handle is closed once no call holds it any more.
            current?.Handle.Dispose();
            LibvirtOperation.End();
            return state;
        }
    }

    /// <summary>One opened libvirt connection and what was learned about it.</summary>
    private sealed class State(SafeConnectHandle handle, int generation)
    {
        public SafeConnectHandle Handle { get; } = handle;

        public int Generation { get; } = generation;

        public volatile bool Broken;

        public volatile bool MemoryStatsUnsupported;

        private TypeName? _type;

        /// <summary>
        /// The hypervisor type decoded once: <c>virConnectGetType</c> returns the same static string for the
        /// connection's life.
        /// </summary>
        public string HypervisorType(byte* type)
        {
            var cached = Volatile.Read(ref _type);
            if (cached is null || cached.Pointer != (nint)type)
            {
                cached = new TypeName((nint)type, Utf8StringMarshaller.ConvertToManaged(type)!);
                Volatile.Write(ref _type, cached);
            }

            return cached.Name;
        }

        private sealed record TypeName(nint Pointer, string Name);
    }
}
