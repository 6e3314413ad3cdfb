using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

/// <summary>
/// libxml2, which libvirt parses its XML with. Its default error handler prints parser warnings (such as
/// <c>I/O warning : failed to load external entity</c>) to stderr whatever libvirt's own handler is; libvirt
/// reports the same failure through its error API, which the driver turns into an exception.
/// </summary>
internal static unsafe partial class LibXml2
{
    /// <summary>The library libvirt links against (Debian package <c>libxml2</c>).</summary>
    internal const string LibraryName = "libxml2.so.2";

    /// <summary>
    /// <c>void xmlSetGenericErrorFunc(void *ctx, xmlGenericErrorFunc handler)</c>: the calling thread's handler
    /// (libxml2 keeps its error handlers per thread).
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial void xmlSetGenericErrorFunc(nint context, delegate* unmanaged<nint, byte*, void> handler);

    /// <summary>
    /// <c>void xmlThrDefSetGenericErrorFunc(void *ctx, xmlGenericErrorFunc handler)</c>: the handler every thread
    /// starts with when it first uses libxml2.
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial void xmlThrDefSetGenericErrorFunc(nint context, delegate* unmanaged<nint, byte*, void> handler);
}
