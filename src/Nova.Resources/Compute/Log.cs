using Microsoft.Extensions.Logging;

namespace Nova.Resources.Compute;

/// <summary>The log messages of the compute namespace (event ids 2xx).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Reading host stats of node {NodeName} from the driver")]
    public static partial void Refreshing(ILogger logger, string nodeName);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Cached host stats of node {NodeName} are older than {MaxAge}; reading them again")]
    public static partial void CacheExpired(ILogger logger, string nodeName, TimeSpan? maxAge);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Reading host stats of node {NodeName} failed; keeping the previous value")]
    public static partial void RefreshFailed(ILogger logger, string nodeName, Exception exception);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "Every caller stopped waiting for the host stats of node {NodeName}; cancelling the read")]
    public static partial void RefreshAbandoned(ILogger logger, string nodeName);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "Forgot the cached host stats of node {NodeName}")]
    public static partial void NodeRemoved(ILogger logger, string nodeName);
}
