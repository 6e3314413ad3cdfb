namespace Nova.Resources.Placement;

/// <summary>A resource provider as Placement holds it.</summary>
/// <param name="Uuid">The provider's UUID (for a compute node, <c>ComputeNode.Uuid</c>).</param>
/// <param name="Name">The provider's name, unique in Placement (for a compute node, its <c>hypervisor_hostname</c>).</param>
/// <param name="Generation">The provider's generation: every write to the provider, allocations included, increases it.</param>
public sealed record ResourceProvider(Guid Uuid, string Name, long Generation);
