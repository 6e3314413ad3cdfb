using Microsoft.Extensions.Logging;

namespace Nova.Resources.PostgreSql;

internal static partial class Log
{
    [LoggerMessage(601, LogLevel.Debug, "The compute-node store's schema is at version {Version}")]
    public static partial void SchemaCurrent(ILogger logger, int version);

    [LoggerMessage(602, LogLevel.Information, "Migrated the compute-node store's schema from version {From} to {To}")]
    public static partial void SchemaMigrated(ILogger logger, int from, int to);

    [LoggerMessage(603, LogLevel.Warning, "Lost the connection to PostgreSQL ({Database}): {Reason}; dropping the idle pooled connections")]
    public static partial void ConnectionLost(ILogger logger, string database, string reason);

    [LoggerMessage(604, LogLevel.Warning, "Skipped the unreadable {Column} of compute node record {Id} (host {Host} node {Node}): {Reason}")]
    public static partial void UnreadableColumn(ILogger logger, string column, long id, string? host, string? node, string reason);
}
