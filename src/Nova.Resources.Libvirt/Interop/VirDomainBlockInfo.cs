using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

/// <summary><c>virDomainBlockInfo</c> (24 bytes): a guest disk's sizes in bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirDomainBlockInfo
{
    /// <summary><c>unsigned long long capacity</c>: the size the guest sees.</summary>
    public ulong Capacity;

    /// <summary><c>unsigned long long allocation</c>: the host storage in use.</summary>
    public ulong Allocation;

    /// <summary><c>unsigned long long physical</c>: the host storage reserved.</summary>
    public ulong Physical;
}
