using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

/// <summary><c>virError</c> (80 bytes on LP64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VirError
{
    /// <summary><c>int code</c>: a <c>virErrorNumber</c>.</summary>
    public int Code;

    /// <summary><c>int domain</c>: a <c>virErrorDomain</c>.</summary>
    public int Domain;

    /// <summary><c>char *message</c>: the human-readable message.</summary>
    public byte* Message;

    /// <summary><c>virErrorLevel level</c>.</summary>
    public int Level;

    /// <summary><c>virConnectPtr conn</c> (deprecated).</summary>
    public nint Conn;

    /// <summary><c>virDomainPtr dom</c> (deprecated).</summary>
    public nint Dom;

    /// <summary><c>char *str1</c>.</summary>
    public byte* Str1;

    /// <summary><c>char *str2</c>.</summary>
    public byte* Str2;

    /// <summary><c>char *str3</c>.</summary>
    public byte* Str3;

    /// <summary><c>int int1</c>.</summary>
    public int Int1;

    /// <summary><c>int int2</c>.</summary>
    public int Int2;

    /// <summary><c>virNetworkPtr net</c> (deprecated).</summary>
    public nint Net;
}
