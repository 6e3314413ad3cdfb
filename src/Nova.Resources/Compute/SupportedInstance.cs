namespace Nova.Resources.Compute;

/// <summary>One kind of guest a hypervisor can run: Nova's <c>(arch, hv_type, vm_mode)</c> triple.</summary>
/// <param name="Architecture">The canonical guest architecture, such as <c>x86_64</c>.</param>
/// <param name="HypervisorType">The canonical hypervisor type, such as <c>kvm</c> or <c>qemu</c>.</param>
/// <param name="VmMode">The canonical VM mode, such as <c>hvm</c>.</param>
public sealed record SupportedInstance(string Architecture, string HypervisorType, string VmMode);
