namespace Nova.Resources.Libvirt;

/// <summary>The host's memory statistics from <c>virNodeGetMemoryStats</c>, in KiB.</summary>
/// <param name="TotalKib">Total memory.</param>
/// <param name="FreeKib">Free memory.</param>
/// <param name="BuffersKib">Buffers.</param>
/// <param name="CachedKib">Page cache.</param>
internal readonly record struct NodeMemory(ulong TotalKib, ulong FreeKib, ulong BuffersKib, ulong CachedKib);
