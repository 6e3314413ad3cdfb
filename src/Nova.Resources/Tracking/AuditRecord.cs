using System.Net;
using Nova.Resources.Compute;

namespace Nova.Resources.Tracking;

/// <summary>The record an audit builds from the driver's resources and the usage it summed, as a pure function.</summary>
internal static class AuditRecord
{
    /// <summary>Builds the record; its id, UUID, revision and creation time come from <paramref name="previous"/>.</summary>
    /// <param name="previous">The stored record of the node, or <see langword="null"/> for a new one.</param>
    /// <param name="host">The compute host.</param>
    /// <param name="nodeName">The node.</param>
    /// <param name="resources">The driver's resources, verified and narrowed by the CPU sets.</param>
    /// <param name="usage">The usage the audit summed.</param>
    /// <param name="options">The audit's options.</param>
    /// <param name="hostIp">The host's address.</param>
    /// <param name="now">The audit's time.</param>
    /// <returns>The record.</returns>
    public static ComputeNode Build(ComputeNode? previous, string host, string nodeName, HostResources resources, AuditUsage usage, ComputeResourceOptions options, IPAddress hostIp, DateTimeOffset now)
        => new()
        {
            Id = previous?.Id ?? 0,
            Uuid = previous?.Uuid ?? Guid.NewGuid(),
            Revision = previous?.Revision ?? 0,
            Host = host,
            HypervisorHostname = nodeName,
            HypervisorType = resources.HypervisorType,
            HypervisorVersion = resources.HypervisorVersion,
            Vcpus = resources.Vcpus!.Value,
            VcpusUsed = usage.VcpusUsed,
            MemoryMb = resources.MemoryMb!.Value,
            MemoryMbUsed = usage.MemoryMbUsed,
            LocalGb = resources.LocalGb!.Value,
            LocalGbUsed = usage.LocalGbUsed,
            RunningVms = usage.RunningVms,
            CurrentWorkload = usage.CurrentWorkload,
            CpuAllocationRatio = Ratio(options.CpuAllocationRatio, previous?.CpuAllocationRatio, options.InitialCpuAllocationRatio),
            RamAllocationRatio = Ratio(options.RamAllocationRatio, previous?.RamAllocationRatio, options.InitialRamAllocationRatio),
            DiskAllocationRatio = Ratio(options.DiskAllocationRatio, previous?.DiskAllocationRatio, options.InitialDiskAllocationRatio),
            HostIp = hostIp,
            CpuInfo = resources.CpuInfo,
            DiskAvailableLeast = resources.DiskAvailableLeast,
            SupportedInstances = resources.SupportedInstances,
            NumaTopology = resources.NumaTopology,
            Stats = usage.Stats,
            Inventory = Inventory.Build(resources.Vcpus!.Value, resources.MemoryMb!.Value, resources.LocalGb!.Value, options, previous?.Inventory),
            CreatedAt = previous?.CreatedAt ?? now,
            UpdatedAt = now,
        };

    /// <summary>
    /// The record's ratio: the configured ratio when set and not zero; otherwise the record keeps the ratio it has, and a
    /// new record starts with the initial ratio. Nova's <c>_copy_resources(initial=True)</c> differs for a new
    /// record: it writes the initial ratio even when a ratio is configured, and the configured one replaces it from the
    /// second audit on. Here the configured ratio holds from the first audit, so the record agrees with the inventory at once.
    /// </summary>
    public static double Ratio(double? configured, double? existing, double initial)
        => configured is { } value && value != 0 ? value : existing ?? initial;
}
