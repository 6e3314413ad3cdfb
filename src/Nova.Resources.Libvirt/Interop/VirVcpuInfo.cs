using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

/// <summary><c>virVcpuInfo</c> (24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirVcpuInfo
{
    /// <summary><c>unsigned int number</c>.</summary>
    public uint Number;

    /// <summary><c>int state</c>.</summary>
    public int State;

    /// <summary><c>unsigned long long cpuTime</c>.</summary>
    public ulong CpuTime;

    /// <summary><c>int cpu</c>: the host CPU it runs on.</summary>
    public int Cpu;
}
