using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

/// <summary><c>virNodeInfo</c> (64 bytes on LP64): the host's CPUs and memory.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VirNodeInfo
{
    /// <summary><c>char model[32]</c>: the CPU architecture, NUL-terminated.</summary>
    public fixed byte Model[32];

    /// <summary><c>unsigned long memory</c>: memory in KiB.</summary>
    public CULong Memory;

    /// <summary><c>unsigned int cpus</c>: the number of active CPUs.</summary>
    public uint Cpus;

    /// <summary><c>unsigned int mhz</c>.</summary>
    public uint Mhz;

    /// <summary><c>unsigned int nodes</c>: NUMA nodes.</summary>
    public uint Nodes;

    /// <summary><c>unsigned int sockets</c>: sockets per NUMA node.</summary>
    public uint Sockets;

    /// <summary><c>unsigned int cores</c>: cores per socket.</summary>
    public uint Cores;

    /// <summary><c>unsigned int threads</c>: threads per core.</summary>
    public uint Threads;
}
