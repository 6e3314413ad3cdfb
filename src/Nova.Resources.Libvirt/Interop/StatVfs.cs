using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

/// <summary>glibc's <c>struct statvfs</c> on 64-bit Linux (112 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct StatVfs
{
    /// <summary><c>f_bsize</c>.</summary>
    public CULong BlockSize;

    /// <summary><c>f_frsize</c>: the fragment size, the unit of the block counts.</summary>
    public CULong FragmentSize;

    /// <summary><c>f_blocks</c>.</summary>
    public ulong Blocks;

    /// <summary><c>f_bfree</c>.</summary>
    public ulong BlocksFree;

    /// <summary><c>f_bavail</c>: free blocks for unprivileged users.</summary>
    public ulong BlocksAvailable;

    /// <summary><c>f_files</c>.</summary>
    public ulong Files;

    /// <summary><c>f_ffree</c>.</summary>
    public ulong FilesFree;

    /// <summary><c>f_favail</c>.</summary>
    public ulong FilesAvailable;

    /// <summary><c>f_fsid</c>.</summary>
    public CULong FileSystemId;

    /// <summary><c>f_flag</c>.</summary>
    public CULong Flags;

    /// <summary><c>f_namemax</c>.</summary>
    public CULong NameMax;

    /// <summary><c>int __f_spare[6]</c>.</summary>
    public fixed int Spare[6];
}
