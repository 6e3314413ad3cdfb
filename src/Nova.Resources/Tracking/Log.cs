using Microsoft.Extensions.Logging;

namespace Nova.Resources.Tracking;

/// <summary>The tracker's log messages (event ids 3xx), with Nova's texts.</summary>
internal static partial class Log
{
    [LoggerMessage(300, LogLevel.Debug, "Auditing locally available compute resources for {Host} (node: {Node})")]
    public static partial void Auditing(ILogger logger, string host, string node);

    [LoggerMessage(301, LogLevel.Information, "Virt driver does not support 'get_available_resource'. Compute tracking is disabled.")]
    public static partial void TrackingDisabled(ILogger logger);

    [LoggerMessage(302, LogLevel.Debug, "Hypervisor/Node resource view: name={Node} free_ram={FreeRamMb}MB free_disk={FreeDiskGb}GB free_vcpus={FreeVcpus} pci_devices={PciDevices}")]
    public static partial void HypervisorResourceView(ILogger logger, string node, long freeRamMb, long freeDiskGb, string freeVcpus, string pciDevices);

    [LoggerMessage(303, LogLevel.Debug, "Total usable vcpus: {TotalVcpus}, total allocated vcpus: {UsedVcpus}")]
    public static partial void VcpuView(ILogger logger, int totalVcpus, int usedVcpus);

    [LoggerMessage(304, LogLevel.Debug, "Final resource view: name={Node} phys_ram={PhysRamMb}MB used_ram={UsedRamMb}MB phys_disk={PhysDiskGb}GB used_disk={UsedDiskGb}GB total_vcpus={TotalVcpus} used_vcpus={UsedVcpus} pci_stats=[]")]
    public static partial void FinalResourceView(ILogger logger, string node, long physRamMb, long usedRamMb, long physDiskGb, long usedDiskGb, int totalVcpus, int usedVcpus);

    [LoggerMessage(305, LogLevel.Information, "Compute node record created for {Host}:{Node}")]
    public static partial void RecordCreated(ILogger logger, string host, string node);

    [LoggerMessage(306, LogLevel.Debug, "Compute_service record updated for {Host}:{Node}")]
    public static partial void RecordUpdated(ILogger logger, string host, string node);

    [LoggerMessage(307, LogLevel.Warning, "Detected running orphan instance: {Uuid} (consuming {MemoryMb} MB memory)")]
    public static partial void OrphanInstance(ILogger logger, string uuid, long memoryMb);

    [LoggerMessage(308, LogLevel.Information, "Attempting claim on node {Node}: memory {MemoryMb} MB, disk {DiskGb} GB, vcpus {Vcpus} CPU")]
    public static partial void AttemptingClaim(ILogger logger, string node, long memoryMb, long diskGb, int vcpus);

    [LoggerMessage(309, LogLevel.Information, "Total {Type}: {Total} {Unit}, used: {Used:F2} {Unit}")]
    public static partial void ClaimTotal(ILogger logger, string type, long total, string unit, double used);

    [LoggerMessage(310, LogLevel.Information, "{Type} limit: {Limit:F2} {Unit}, free: {Free:F2} {Unit}")]
    public static partial void ClaimLimit(ILogger logger, string type, double limit, string unit, double free);

    [LoggerMessage(311, LogLevel.Information, "Failed to claim: {Reasons}")]
    public static partial void ClaimFailed(ILogger logger, string reasons);

    [LoggerMessage(312, LogLevel.Information, "Claim successful on node {Node}")]
    public static partial void ClaimSuccessful(ILogger logger, string node);

    [LoggerMessage(313, LogLevel.Debug, "Aborting claim: [Claim: {MemoryMb} MB memory, {DiskGb} GB disk]")]
    public static partial void AbortingClaim(ILogger logger, long memoryMb, long diskGb);

    [LoggerMessage(314, LogLevel.Error, "Failed to give back the claim of instance {Uuid} on node {Node}; the next audit corrects the usage")]
    public static partial void AbortFailed(ILogger logger, Exception exception, string uuid, string node);

    [LoggerMessage(315, LogLevel.Debug, "Dropping instance {Uuid} from node {Node}")]
    public static partial void DroppingInstance(ILogger logger, string uuid, string node);

    [LoggerMessage(316, LogLevel.Error, "Failed to update the instance ledger for instance {Uuid} on node {Node}; the next audit counts the instance until it is dropped")]
    public static partial void LedgerUpdateFailed(ILogger logger, Exception exception, string uuid, string node);

    [LoggerMessage(317, LogLevel.Error, "Reporter {Reporter} failed to report compute node {Host}:{Node}; the next audit reports again")]
    public static partial void ReportFailed(ILogger logger, Exception exception, string reporter, string host, string node);

    [LoggerMessage(319, LogLevel.Error, "Audit observer {Observer} failed to take the outcome of the audit of {Host}:{Node}; the audit's outcome stands and the next audit is observed again")]
    public static partial void ObserveFailed(ILogger logger, Exception exception, string observer, string host, string node);

    [LoggerMessage(340, LogLevel.Information, "{Type} limit not specified, defaulting to unlimited")]
    public static partial void ClaimUnlimited(ILogger logger, string type);

    [LoggerMessage(318, LogLevel.Error, "Instance {Uuid} of the {Origin} is not counted on node {Node}: {Problem}; the rest of the node is")]
    public static partial void InstanceSkipped(ILogger logger, string uuid, string origin, string node, string problem);
}
