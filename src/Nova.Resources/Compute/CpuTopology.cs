namespace Nova.Resources.Compute;

/// <summary>The host CPU topology of a <see cref="CpuInfo"/>.</summary>
/// <remarks>
/// Nova's libvirt driver always writes all four values and writes <c>null</c> for sockets, cores and threads
/// when the host CPU has no <c>topology</c> element (libvirt's test driver), while still counting the NUMA
/// cells; its fake driver writes no cell count. Both shapes are kept as they are.
/// </remarks>
/// <param name="Cells">The number of NUMA cells, or <see langword="null"/> when the driver does not report it
/// (the key is then left out of the JSON).</param>
/// <param name="Sockets">Sockets per cell, or <see langword="null"/> when unknown (written as <c>null</c>).</param>
/// <param name="Cores">Cores per socket, or <see langword="null"/> when unknown (written as <c>null</c>).</param>
/// <param name="Threads">Threads per core, or <see langword="null"/> when unknown (written as <c>null</c>).</param>
public sealed record CpuTopology(int? Cells, int? Sockets, int? Cores, int? Threads);
