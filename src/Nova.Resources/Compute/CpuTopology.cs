namespace Nova.Resources.Compute;

/// <summary>The host CPU topology of a <see cref="CpuInfo"/>.</summary>
/// <param name="Cells">The number of NUMA cells, or <see langword="null"/> when unknown.</param>
/// <param name="Sockets">Sockets per cell.</param>
/// <param name="Cores">Cores per socket.</param>
/// <param name="Threads">Threads per core.</param>
public sealed record CpuTopology(int? Cells, int Sockets, int Cores, int Threads);
