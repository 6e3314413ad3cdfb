namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>
/// Nova's canonical names (<c>nova.objects.fields</c>: <c>Architecture</c>, <c>HVType</c>, <c>VMMode</c>) and
/// their <c>canonicalize</c> rules, for <c>supported_instances</c>.
/// </summary>
internal static class NovaFields
{
    private static readonly HashSet<string> s_architectures = new(StringComparer.Ordinal)
    {
        "alpha", "armv6", "armv7l", "armv7b", "aarch64", "cris", "i686", "ia64", "lm32", "m68k", "microblaze",
        "microblazeel", "mips", "mipsel", "mips64", "mips64el", "openrisc", "parisc", "parisc64", "ppc", "ppcle",
        "ppc64", "ppc64le", "ppcemb", "s390", "s390x", "sh4", "sh4eb", "sparc", "sparc64", "unicore32", "x86_64",
        "xtensa", "xtensaeb",
    };

    private static readonly HashSet<string> s_hypervisorTypes = new(StringComparer.Ordinal)
    {
        "baremetal", "bhyve", "docker", "fake", "hyperv", "ironic", "kqemu", "kvm", "lxc", "lxd", "openvz",
        "parallels", "phyp", "qemu", "test", "uml", "vbox", "vz", "vmware", "xen", "zvm", "prsm",
    };

    private static readonly HashSet<string> s_vmModes = new(StringComparer.Ordinal) { "hvm", "xen", "uml", "exe" };

    /// <summary>Nova's <c>Architecture.canonicalize</c>: lower case, i386/i486/i586/x86_32/x86_32p → i686, amd64 → x86_64.</summary>
    /// <param name="name">The name libvirt reports.</param>
    /// <returns>The canonical name, or <see langword="null"/> when Nova does not know the architecture.</returns>
    public static string? CanonicalArchitecture(string? name)
    {
        string? canonical = name?.ToLowerInvariant() switch
        {
            null => null,
            "i386" or "i486" or "i586" or "x86_32" or "x86_32p" => "i686",
            "amd64" => "x86_64",
            var lower => lower,
        };
        return canonical is not null && s_architectures.Contains(canonical) ? canonical : null;
    }

    /// <summary>Nova's <c>HVType.canonicalize</c>: lower case, xapi → xen.</summary>
    /// <param name="name">The domain type libvirt reports.</param>
    /// <returns>The canonical name, or <see langword="null"/> when Nova does not know it.</returns>
    public static string? CanonicalHypervisorType(string? name)
    {
        string? canonical = name?.ToLowerInvariant() switch
        {
            null => null,
            "xapi" => "xen",
            var lower => lower,
        };
        return canonical is not null && s_hypervisorTypes.Contains(canonical) ? canonical : null;
    }

    /// <summary>Nova's <c>VMMode.canonicalize</c>: lower case, pv → xen, hv and baremetal → hvm.</summary>
    /// <param name="mode">The os type libvirt reports.</param>
    /// <returns>The canonical mode, or <see langword="null"/> when Nova does not know it.</returns>
    public static string? CanonicalVmMode(string? mode)
    {
        string? canonical = mode?.ToLowerInvariant() switch
        {
            null => null,
            "pv" => "xen",
            "hv" or "baremetal" => "hvm",
            var lower => lower,
        };
        return canonical is not null && s_vmModes.Contains(canonical) ? canonical : null;
    }
}
