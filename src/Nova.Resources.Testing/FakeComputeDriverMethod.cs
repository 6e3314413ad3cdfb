namespace Nova.Resources.Testing;

/// <summary>The methods of <see cref="FakeComputeDriver"/> that can be counted, failed or held.</summary>
public enum FakeComputeDriverMethod
{
    /// <summary><see cref="Compute.IComputeDriver.GetAvailableNodesAsync"/>.</summary>
    GetAvailableNodes,

    /// <summary><see cref="Compute.IComputeDriver.GetAvailableResourceAsync"/>.</summary>
    GetAvailableResource,

    /// <summary><see cref="Compute.IComputeDriver.GetPerInstanceUsageAsync"/>.</summary>
    GetPerInstanceUsage,
}
