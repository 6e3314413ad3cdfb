using Microsoft.Win32.SafeHandles;

namespace Nova.Resources.Libvirt.Interop;

/// <summary>A <c>virConnectPtr</c>, closed with <c>virConnectClose</c> when the last user releases it.</summary>
internal sealed class SafeConnectHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle; the interop marshaller fills it.</summary>
    public SafeConnectHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibvirtNative.virConnectClose(handle) >= 0;
}
