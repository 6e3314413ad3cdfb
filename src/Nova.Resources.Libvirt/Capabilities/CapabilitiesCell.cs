namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>One NUMA cell of the capabilities XML.</summary>
/// <param name="Id">The cell id.</param>
/// <param name="MemoryKib">The cell's memory in KiB.</param>
/// <param name="Pages">The cell's page sizes (KiB) and page counts.</param>
/// <param name="Cpus">The cell's CPUs.</param>
internal sealed record CapabilitiesCell(int Id, long MemoryKib, IReadOnlyList<(int SizeKib, long Count)> Pages, IReadOnlyList<CapabilitiesCpu> Cpus);
