namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>One guest kind of the capabilities XML.</summary>
/// <param name="OsType">The <c>os_type</c> text, such as <c>hvm</c>.</param>
/// <param name="Arch">The <c>arch/@name</c> value, such as <c>x86_64</c>.</param>
/// <param name="DomainTypes">The <c>arch/domain/@type</c> values, such as <c>kvm</c>, without duplicates.</param>
internal sealed record CapabilitiesGuest(string? OsType, string? Arch, IReadOnlyList<string> DomainTypes);
