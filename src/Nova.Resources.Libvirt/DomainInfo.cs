namespace Nova.Resources.Libvirt;

/// <summary>A domain's state and size from <c>virDomainGetInfo</c>.</summary>
/// <param name="State">The <c>virDomainState</c>: 1 running, 3 paused, 5 shut off, ...</param>
/// <param name="MaxMemoryKib">Maximum memory in KiB.</param>
/// <param name="MemoryKib">Current memory in KiB.</param>
/// <param name="Vcpus">Virtual CPUs.</param>
internal readonly record struct DomainInfo(int State, ulong MaxMemoryKib, ulong MemoryKib, int Vcpus);
