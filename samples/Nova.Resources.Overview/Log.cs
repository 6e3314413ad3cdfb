using Microsoft.Extensions.Logging;

namespace Nova.Resources.Overview;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Reading the compute-node store failed; the page keeps the last overview")]
    public static partial void StoreReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Reading Placement's usages failed; the overview shows the records alone")]
    public static partial void PlacementReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Reading the nodes' last audits failed; the overview shows the records without them")]
    public static partial void AuditReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Overview changed: {Count} hosts, {Vcpus} vCPUs, {MemoryMb} MiB, {LocalGb} GiB")]
    public static partial void OverviewChanged(ILogger logger, int count, long vcpus, long memoryMb, long localGb);
}
