using System.Globalization;

namespace Nova.Resources.Tracking;

/// <summary>Nova's classic claim test (<c>Claim._test_memory</c>, <c>_test_disk</c>, <c>_test_vcpus</c>), as pure functions.</summary>
internal static class ClaimTest
{
    /// <summary>Checks a request's sizes where it enters: a UUID, and no negative amount.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The request has an empty UUID or a negative amount.</exception>
    public static void Validate(InstanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Uuid))
        {
            throw new ArgumentException("The instance request has no UUID.", nameof(request));
        }

        ThrowIfNegative(request.Vcpus, nameof(InstanceRequest.Vcpus));
        ThrowIfNegative(request.MemoryMb, nameof(InstanceRequest.MemoryMb));
        ThrowIfNegative(request.RootGb, nameof(InstanceRequest.RootGb));
        ThrowIfNegative(request.EphemeralGb, nameof(InstanceRequest.EphemeralGb));
        ThrowIfNegative(request.SwapMb, nameof(InstanceRequest.SwapMb));

        static void ThrowIfNegative(long value, string name)
        {
            if (value < 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The instance request's {name} must not be negative: {value}."),
                    nameof(request));
            }
        }
    }

    /// <summary>
    /// Tests memory, root + ephemeral disk and vCPUs, in Nova's order, against the limits: each one not given is the
    /// node's total times its allocation ratio, except that a node reporting 0 vCPUs has no vCPU limit (unlimited).
    /// </summary>
    /// <returns>One check per resource; the request fits when every check does.</returns>
    public static ClaimCheck[] Test(ComputeNode node, InstanceRequest request, ClaimLimits? limits)
    {
        long diskGb = request.RootGb + request.EphemeralGb;
        return
        [
            Check("memory", "MB", node.MemoryMb, node.MemoryMbUsed, request.MemoryMb, limits?.MemoryMb ?? (node.MemoryMb * node.RamAllocationRatio)),
            Check("disk", "GB", node.LocalGb, node.LocalGbUsed, diskGb, limits?.DiskGb ?? (node.LocalGb * node.DiskAllocationRatio)),
            // A node that reports no vCPUs (the hypervisor could not tell) gets no vCPU limit, as Nova's CoreFilter sets none.
            Check("vcpu", "VCPU", node.Vcpus, node.VcpusUsed, request.Vcpus, limits?.Vcpus ?? (node.Vcpus == 0 ? null : node.Vcpus * node.CpuAllocationRatio)),
        ];
    }

    /// <summary>The reasons a request does not fit (<c>Free memory 1024.00 MB &lt; requested 2048 MB</c>), or <see langword="null"/> when it fits.</summary>
    public static List<string>? Reasons(ClaimCheck[] checks)
    {
        List<string>? reasons = null;
        foreach (var check in checks)
        {
            if (!check.Fits)
            {
                (reasons ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"Free {check.Type} {check.Free:F2} {check.Unit} < requested {check.Requested} {check.Unit}"));
            }
        }

        return reasons;
    }

    private static ClaimCheck Check(string type, string unit, long total, long used, long requested, double? limit)
        => new(type, unit, total, used, requested, limit, limit - used);
}
