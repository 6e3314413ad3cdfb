using Microsoft.Extensions.Logging;

namespace Nova.Resources.Hosting;

/// <summary>The per-host audit's log messages (event ids 4xx), with Nova's texts.</summary>
internal static partial class Log
{
    [LoggerMessage(400, LogLevel.Information, "Skipping periodic task {Task} because its interval is negative")]
    public static partial void SkippingPeriodicTask(ILogger logger, string task);

    [LoggerMessage(401, LogLevel.Error, "Error during {Task}")]
    public static partial void PeriodicTaskFailed(ILogger logger, Exception exception, string task);

    [LoggerMessage(402, LogLevel.Error, "Error updating resources for node {Node}.")]
    public static partial void NodeUpdateFailed(ILogger logger, Exception exception, string node);

    [LoggerMessage(403, LogLevel.Information, "Deleting orphan compute node {Id} hypervisor host is {HypervisorHostname}, nodes are {Nodes}")]
    public static partial void DeletingOrphanNode(ILogger logger, long id, string hypervisorHostname, string nodes);

    [LoggerMessage(404, LogLevel.Error, "Failed to delete orphan compute node {Id} hypervisor host is {HypervisorHostname}; trying again at the next audit")]
    public static partial void OrphanNodeDeleteFailed(ILogger logger, Exception exception, long id, string hypervisorHostname);

    [LoggerMessage(405, LogLevel.Debug, "Running periodic task {Task}")]
    public static partial void RunningPeriodicTask(ILogger logger, string task);

    [LoggerMessage(406, LogLevel.Debug, "Periodic task {Task} scheduled every {Interval}")]
    public static partial void PeriodicTaskScheduled(ILogger logger, string task, TimeSpan interval);

    [LoggerMessage(407, LogLevel.Error, "Reporter {Reporter} failed to report the removal of compute node {Id} hypervisor host is {HypervisorHostname}")]
    public static partial void OrphanNodeReportFailed(ILogger logger, Exception exception, string reporter, long id, string hypervisorHostname);
}
