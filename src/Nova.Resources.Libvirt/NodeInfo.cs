namespace Nova.Resources.Libvirt;

/// <summary>The host's CPUs and memory from <c>virNodeGetInfo</c> (its <c>model</c>, the architecture, comes from the capabilities instead).</summary>
/// <param name="MemoryKib">Memory in KiB.</param>
/// <param name="Cpus">Active CPUs.</param>
/// <param name="Mhz">CPU frequency.</param>
/// <param name="Nodes">NUMA nodes.</param>
/// <param name="Sockets">Sockets per NUMA node.</param>
/// <param name="Cores">Cores per socket.</param>
/// <param name="Threads">Threads per core.</param>
internal readonly record struct NodeInfo(ulong MemoryKib, int Cpus, int Mhz, int Nodes, int Sockets, int Cores, int Threads);
