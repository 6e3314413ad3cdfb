namespace Nova.Resources.Compute;

/// <summary>What one running instance uses, as the hypervisor reports it.</summary>
/// <param name="Uuid">The instance's UUID (for libvirt, the domain UUID).</param>
/// <param name="Name">The hypervisor's name for the instance, when it has one.</param>
/// <param name="Vcpus">The number of virtual CPUs.</param>
/// <param name="MemoryMb">The memory in MiB.</param>
public sealed record InstanceUsage(string Uuid, string? Name, int Vcpus, long MemoryMb);
