using Microsoft.Extensions.Logging;

namespace Nova.Resources.Libvirt;

/// <summary>The libvirt driver's log messages (event ids 5xx), with Nova's texts where Nova has one.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "Connecting to libvirt: {Uri}")]
    public static partial void Connecting(ILogger logger, string uri);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "Connection to libvirt failed: {Error}")]
    public static partial void ConnectionFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Connection to libvirt broke: {Error}. It is reopened on the next call.")]
    public static partial void ConnectionBroke(ILogger logger, string error, Exception exception);

    [LoggerMessage(EventId = 503, Level = LogLevel.Error, Message = "Hostname has changed from {Old} to {New}. A restart is required to take effect.")]
    public static partial void HostnameChanged(ILogger logger, string old, string @new);

    [LoggerMessage(EventId = 504, Level = LogLevel.Debug, Message = "Counting 1 vCPU for domain {Uuid}: {Error}")]
    public static partial void VcpusUnavailable(ILogger logger, string uuid, string error);

    [LoggerMessage(EventId = 505, Level = LogLevel.Warning, Message = "couldn't obtain the memory from domain: {Uuid}, exception: {Error}")]
    public static partial void DomainMemoryUnavailable(ILogger logger, string uuid, string error);

    [LoggerMessage(EventId = 506, Level = LogLevel.Information, Message = "The libvirt connection {Uri} does not report node memory statistics; memory used is the sum of the running domains' memory")]
    public static partial void MemoryStatsUnsupported(ILogger logger, string uri);

    [LoggerMessage(EventId = 507, Level = LogLevel.Warning, Message = "Error from libvirt while getting the disk sizes of domain {Uuid}: {Error}")]
    public static partial void DiskInfoUnavailable(ILogger logger, string uuid, string error);

    [LoggerMessage(EventId = 508, Level = LogLevel.Debug, Message = "The libvirt connection {Uri} cannot list node devices ({Error}); reporting no PCI passthrough devices")]
    public static partial void NodeDevicesUnsupported(ILogger logger, string uri, string error);

    [LoggerMessage(EventId = 509, Level = LogLevel.Error, Message = "{Function} on {Uri} has not returned for {Seconds:0.#} s; its caller stopped waiting, and calls on this connection fail until it returns")]
    public static partial void CallAbandoned(ILogger logger, string function, string uri, double seconds);

    [LoggerMessage(EventId = 510, Level = LogLevel.Warning, Message = "{Function} on {Uri} returned after {Seconds:0.#} s; calls on this connection resume")]
    public static partial void CallReturned(ILogger logger, string function, string uri, double seconds);

    [LoggerMessage(EventId = 530, Level = LogLevel.Information, Message = "The instances path {Path} does not exist; the test driver connection {Uri} reports the local disk of {Fallback} instead")]
    public static partial void InstancesPathFallback(ILogger logger, string path, string uri, string fallback);
}
