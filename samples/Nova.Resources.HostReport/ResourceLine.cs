namespace Nova.Resources.HostReport;

/// <summary>Total, used and free of one resource, with its allocation ratio and where its used amount comes from.</summary>
/// <param name="Total">The node's total.</param>
/// <param name="Used">The record's used amount: <see cref="UsedBy"/>'s sum.</param>
/// <param name="Free">The record's free amount.</param>
/// <param name="AllocationRatio">The allocation ratio.</param>
/// <param name="UsedBy">What the used amount is made of, when known.</param>
/// <param name="HypervisorUsed">What the hypervisor itself reports as used, when it does.</param>
internal sealed record ResourceLine(long Total, long Used, long Free, double AllocationRatio, UsedBy? UsedBy = null, long? HypervisorUsed = null);
