using Microsoft.Win32.SafeHandles;

namespace Nova.Resources.Libvirt.Interop;

/// <summary>A <c>virNodeDevicePtr</c>, released with <c>virNodeDeviceFree</c>.</summary>
internal sealed class SafeNodeDeviceHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle; the interop marshaller fills it.</summary>
    public SafeNodeDeviceHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a device pointer returned by libvirt.</summary>
    /// <param name="device">The pointer.</param>
    internal SafeNodeDeviceHandle(nint device)
        : base(ownsHandle: true)
    {
        SetHandle(device);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibvirtNative.virNodeDeviceFree(handle) == 0;
}
