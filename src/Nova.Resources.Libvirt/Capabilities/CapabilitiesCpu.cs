namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>One CPU of a NUMA cell.</summary>
/// <param name="Id">The CPU id.</param>
/// <param name="SocketId">The socket id, when given.</param>
/// <param name="Siblings">The CPU's thread siblings (itself included), empty when not given.</param>
internal sealed record CapabilitiesCpu(int Id, int? SocketId, CpuSet Siblings);
