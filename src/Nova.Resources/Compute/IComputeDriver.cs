namespace Nova.Resources.Compute;

/// <summary>
/// What the resource tracker needs from a hypervisor: the nodes it manages and each node's resources.
/// The .NET form of the resource-accounting part of Nova's <c>nova.virt.driver.ComputeDriver</c>.
/// </summary>
/// <remarks>
/// Implementations must be safe to call from several threads, must not do I/O in their constructor,
/// and should honour cancellation between hypervisor calls.
/// </remarks>
public interface IComputeDriver
{
    /// <summary>Returns the names of the nodes this driver manages (Nova's <c>get_available_nodes</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The node names; a single-node hypervisor returns its hostname.</returns>
    ValueTask<IReadOnlyList<string>> GetAvailableNodesAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a node's resources from the hypervisor (Nova's <c>get_available_resource</c>).</summary>
    /// <param name="nodeName">A name returned by <see cref="GetAvailableNodesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The node's resources, or <see langword="null"/> when this driver does not support resource tracking
    /// (the tracker then disables tracking for the node, as Nova does).
    /// </returns>
    ValueTask<HostResources?> GetAvailableResourceAsync(string nodeName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns what each instance running on the node uses, as the hypervisor reports it (Nova's
    /// <c>get_per_instance_usage</c>). The tracker counts the memory of instances nobody tracks as orphans.
    /// </summary>
    /// <param name="nodeName">A name returned by <see cref="GetAvailableNodesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The running instances; the default implementation reports none.</returns>
    ValueTask<IReadOnlyList<InstanceUsage>> GetPerInstanceUsageAsync(string nodeName, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<InstanceUsage>>([]);
}
