using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

/// <summary><c>virNodeMemoryStats</c> (88 bytes): one named value in KiB.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VirNodeMemoryStats
{
    /// <summary><c>char field[80]</c>: <c>total</c>, <c>free</c>, <c>buffers</c> or <c>cached</c>, NUL-terminated.</summary>
    public fixed byte Field[80];

    /// <summary><c>unsigned long long value</c>.</summary>
    public ulong Value;
}
