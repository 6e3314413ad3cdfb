using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

/// <summary><c>virDomainInfo</c> (40 bytes on LP64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirDomainInfo
{
    /// <summary><c>unsigned char state</c>: a <c>virDomainState</c> (1 running, 5 shut off, ...).</summary>
    public byte State;

    /// <summary><c>unsigned long maxMem</c>: maximum memory in KiB.</summary>
    public CULong MaxMem;

    /// <summary><c>unsigned long memory</c>: memory in KiB.</summary>
    public CULong Memory;

    /// <summary><c>unsigned short nrVirtCpu</c>: the number of virtual CPUs.</summary>
    public ushort NrVirtCpu;

    /// <summary><c>unsigned long long cpuTime</c>: CPU time in nanoseconds.</summary>
    public ulong CpuTime;
}
