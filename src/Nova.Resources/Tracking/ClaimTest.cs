using System.Globalization;

namespace Nova.Resources.Tracking;

/// <summary>Nova's classic claim test (<c>Claim._test_memory</c>, <c>_test_disk</c>, <c>_test_vcpus</c>), as pure functions.</summary>
internal static class ClaimTest
{
    /// <summary>Checks a request's sizes where it enters: a UUID, and every amount between 0 and <see cref="InstanceRequest.MaxSize"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The request has an empty UUID or an amount out of range.</exception>
    public static void Validate(InstanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (FindProblem(request) is { } problem)
        {
            string subject = string.IsNullOrEmpty(request.Uuid) ? "The instance request " : "The instance request's ";
            throw new ArgumentException(subject + problem + ".", nameof(request));
        }
    }

    /// <summary>
    /// What is wrong with an instance's row (<c>has no UUID</c>, <c>MemoryMb must not be negative: -1</c>), or
    /// <see langword="null"/> when it can be counted.
    /// </summary>
    public static string? FindProblem(InstanceRequest? instance)
    {
        if (instance is null)
        {
            return "is null";
        }

        if (string.IsNullOrEmpty(instance.Uuid))
        {
            return "has no UUID";
        }

        return Size(instance.Vcpus, nameof(InstanceRequest.Vcpus))
            ?? Size(instance.MemoryMb, nameof(InstanceRequest.MemoryMb))
            ?? Size(instance.RootGb, nameof(InstanceRequest.RootGb))
            ?? Size(instance.EphemeralGb, nameof(InstanceRequest.EphemeralGb))
            ?? Size(instance.SwapMb, nameof(InstanceRequest.SwapMb));

        static string? Size(long value, string name)
            => value < 0 ? string.Create(CultureInfo.InvariantCulture, $"{name} must not be negative: {value}")
                : value > InstanceRequest.MaxSize ? string.Create(CultureInfo.InvariantCulture, $"{name} must not be above {InstanceRequest.MaxSize}: {value}")
                : null;
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
            Check("vcpu", "VCPU", node.Vcpus, node.VcpusUsed, request.Vcpus, VcpuLimit(node, request, limits)),
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

    /// <summary>
    /// The vCPU limit. A node that reports no vCPUs (the hypervisor could not tell) gets none, as Nova's CoreFilter sets
    /// none. The record counts vCPUs in an int, so no limit lets a claim take it past int.MaxValue.
    /// </summary>
    private static double? VcpuLimit(ComputeNode node, InstanceRequest request, ClaimLimits? limits)
    {
        double? limit = limits?.Vcpus ?? (node.Vcpus == 0 ? null : node.Vcpus * node.CpuAllocationRatio);
        return limit is { } value ? Math.Min(value, int.MaxValue)
            : node.VcpusUsed + (long)request.Vcpus > int.MaxValue ? int.MaxValue
            : null;
    }

    private static ClaimCheck Check(string type, string unit, long total, long used, long requested, double? limit)
        => new(type, unit, total, used, requested, limit, limit - used);
}
