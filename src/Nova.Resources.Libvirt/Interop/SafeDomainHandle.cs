using Microsoft.Win32.SafeHandles;

namespace Nova.Resources.Libvirt.Interop;

/// <summary>A <c>virDomainPtr</c>, released with <c>virDomainFree</c>. A domain holds a reference on its connection.</summary>
internal sealed class SafeDomainHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle; the interop marshaller fills it.</summary>
    public SafeDomainHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a domain pointer returned by libvirt.</summary>
    /// <param name="domain">The pointer.</param>
    internal SafeDomainHandle(nint domain)
        : base(ownsHandle: true)
    {
        SetHandle(domain);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibvirtNative.virDomainFree(handle) == 0;
}
