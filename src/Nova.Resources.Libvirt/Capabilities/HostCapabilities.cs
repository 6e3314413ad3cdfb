namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>The parts of libvirt's capabilities XML (<c>virConnectGetCapabilities</c>) Nova reads.</summary>
/// <param name="Cpu">The host CPU (<c>/capabilities/host/cpu</c>).</param>
/// <param name="Cells">
/// The NUMA cells (<c>/capabilities/host/topology/cells</c>), or <see langword="null"/> when the XML has no
/// <c>topology</c> element (Nova then counts 1 cell in <c>cpu_info</c>).
/// </param>
/// <param name="Guests">The guest kinds (<c>/capabilities/guest</c>), in document order.</param>
internal sealed record HostCapabilities(HostCpu Cpu, IReadOnlyList<CapabilitiesCell>? Cells, IReadOnlyList<CapabilitiesGuest> Guests);
