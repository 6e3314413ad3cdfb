namespace Nova.Resources.Compute;

/// <summary>What one audit reads from the driver for a node: its resources and what each running instance uses.</summary>
/// <param name="Resources">The node's resources, as the driver reported them.</param>
/// <param name="Instances">The running instances, as the hypervisor reports them.</param>
internal sealed record NodeSnapshot(HostResources Resources, IReadOnlyList<InstanceUsage> Instances);
