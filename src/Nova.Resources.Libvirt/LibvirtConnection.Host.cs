using System.Runtime.InteropServices;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Libvirt;

/// <summary>The host-wide reads: node info, hypervisor type and version, hostname, capabilities, memory statistics.</summary>
internal sealed unsafe partial class LibvirtConnection
{
    /// <summary><c>virNodeGetInfo</c>.</summary>
    /// <returns>The host's CPUs and memory.</returns>
    public NodeInfo GetNodeInfo()
    {
        const string Function = "virNodeGetInfo";
        var state = Enter(Function);
        VirNodeInfo info;
        ThrowIfFailed(LibvirtNative.virNodeGetInfo(state.Handle, &info), Function, state);
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
        const string Function = "virConnectGetType";
        var state = Enter(Function);
        byte* type = ThrowIfFailed(LibvirtNative.virConnectGetType(state.Handle), Function, state);
        return state.HypervisorType(type);
    }

    /// <summary><c>virConnectGetVersion</c>: major * 1,000,000 + minor * 1,000 + release; 0 when unknown.</summary>
    /// <returns>The hypervisor version.</returns>
    public long GetHypervisorVersion()
    {
        const string Function = "virConnectGetVersion";
        var state = Enter(Function);
        CULong version;
        ThrowIfFailed(LibvirtNative.virConnectGetVersion(state.Handle, &version), Function, state);
        return (long)version.Value;
    }

    /// <summary><c>virConnectGetHostname</c> (the result is freed here).</summary>
    /// <returns>The hypervisor host's name.</returns>
    public string GetHostname()
    {
        const string Function = "virConnectGetHostname";
        var state = Enter(Function);
        return TakeString(ThrowIfFailed(LibvirtNative.virConnectGetHostname(state.Handle), Function, state, owned: true));
    }

    /// <summary><c>virConnectGetCapabilities</c> (the result is freed here).</summary>
    /// <returns>The capabilities XML.</returns>
    public string GetCapabilities()
    {
        const string Function = "virConnectGetCapabilities";
        var state = Enter(Function);
        return TakeString(ThrowIfFailed(LibvirtNative.virConnectGetCapabilities(state.Handle), Function, state, owned: true));
    }

    /// <summary><c>virNodeGetMemoryStats</c> for the whole host.</summary>
    /// <returns>The statistics, or <see langword="null"/> when the connection's driver does not support them.</returns>
    public NodeMemory? GetNodeMemoryStats()
    {
        const string Function = "virNodeGetMemoryStats";
        var state = _state;
        if (state is { MemoryStatsUnsupported: true, Broken: false })
        {
            return null;
        }

        state = Enter(Function);
        int count = 0;
        if (LibvirtNative.virNodeGetMemoryStats(state.Handle, LibvirtNative.NodeMemoryStatsAllCells, null, &count, 0) < 0)
        {
            var error = Fail(Function, state);
            if (error.Code == LibvirtErrorCode.NoSupport)
            {
                state.MemoryStatsUnsupported = true;
                Log.MemoryStatsUnsupported(_logger, Uri);
                return null;
            }

            throw error;
        }

        Span<VirNodeMemoryStats> stats = count <= 16 ? stackalloc VirNodeMemoryStats[count] : new VirNodeMemoryStats[count];
        fixed (VirNodeMemoryStats* p = stats)
        {
            ThrowIfFailed(LibvirtNative.virNodeGetMemoryStats(state.Handle, LibvirtNative.NodeMemoryStatsAllCells, p, &count, 0), Function, state);
            return ReadMemoryStats(p, count);
        }
    }

    private static NodeMemory ReadMemoryStats(VirNodeMemoryStats* stats, int count)
    {
        ulong total = 0, free = 0, buffers = 0, cached = 0;
        for (int i = 0; i < count; i++)
        {
            var field = new ReadOnlySpan<byte>(stats[i].Field, 80);
            int end = field.IndexOf((byte)0);
            field = end < 0 ? field : field[..end];
            ulong value = stats[i].Value;
            if (field.SequenceEqual("total"u8))
            {
                total = value;
            }
            else if (field.SequenceEqual("free"u8))
            {
                free = value;
            }
            else if (field.SequenceEqual("buffers"u8))
            {
                buffers = value;
            }
            else if (field.SequenceEqual("cached"u8))
            {
                cached = value;
            }
        }

        return new NodeMemory(total, free, buffers, cached);
    }
}
