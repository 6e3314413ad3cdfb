namespace Nova.Resources.Libvirt.Interop;

/// <summary>
/// P/Invoke declarations for libvirt.so.0, one file per function group. Every <c>char*</c> a function
/// returns is declared as <see cref="byte"/>* so that each call site decides whether to free it:
/// libvirt's documentation says which results the caller owns.
/// </summary>
internal static partial class LibvirtNative
{
    /// <summary>The shared library every declaration binds to (Debian package <c>libvirt0</c>).</summary>
    internal const string LibraryName = "libvirt.so.0";

    /// <summary>The Debian package that installs <see cref="LibraryName"/>.</summary>
    internal const string DebianPackage = "libvirt0";
}
