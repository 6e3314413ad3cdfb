namespace Nova.Resources.Compute;

/// <summary>A PCI device the host could pass through to an instance.</summary>
public sealed record PciDevice
{
    /// <summary>Gets the PCI address, such as <c>0000:04:10.0</c>.</summary>
    public required string Address { get; init; }

    /// <summary>Gets the vendor id as four hex digits.</summary>
    public string? VendorId { get; init; }

    /// <summary>Gets the product id as four hex digits.</summary>
    public string? ProductId { get; init; }

    /// <summary>Gets Nova's device type: <c>type-PCI</c>, <c>type-PF</c> or <c>type-VF</c>.</summary>
    public string? DeviceType { get; init; }

    /// <summary>Gets the NUMA node the device is attached to, when known.</summary>
    public int? NumaNode { get; init; }
}
