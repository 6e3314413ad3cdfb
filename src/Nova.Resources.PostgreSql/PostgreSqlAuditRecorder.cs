using System.Text;
using Nova.Resources.Tracking;
using Npgsql;
using NpgsqlTypes;

namespace Nova.Resources.PostgreSql;

/// <summary>
/// <see cref="IAuditObserver"/> on the table <c>nova_resources_audits</c>: one row per (host, node), replaced by every
/// audit that finished later than the one it holds.
/// </summary>
internal sealed class PostgreSqlAuditRecorder(PostgreSqlDatabase database) : IAuditObserver
{
    /// <summary>The longest error text kept, in characters; a longer message is cut and ends with an ellipsis.</summary>
    public const int MaxErrorLength = 1000;

    private const string UpsertSql =
        "INSERT INTO nova_resources_audits (host, hypervisor_hostname, finished_at, duration_ms, succeeded, error) "
        + "VALUES (@host, @node, @finished_at, @duration_ms, @succeeded, @error) "
        + "ON CONFLICT (host, hypervisor_hostname) DO UPDATE SET finished_at = EXCLUDED.finished_at, duration_ms = EXCLUDED.duration_ms, "
        + "succeeded = EXCLUDED.succeeded, error = EXCLUDED.error WHERE nova_resources_audits.finished_at <= EXCLUDED.finished_at";

    public async ValueTask AuditedAsync(string host, string nodeName, AuditResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(nodeName);
        ArgumentNullException.ThrowIfNull(result);
        string? error = result.Error is { } exception ? ErrorText(exception) : null;
        await database.RunAsync($"Recording the audit of host {host} node {nodeName}", async (connection, cancellationToken) =>
        {
            var command = new NpgsqlCommand(UpsertSql, connection);
            await using (command.ConfigureAwait(false))
            {
                var parameters = command.Parameters;
                parameters.Add(new NpgsqlParameter<string>("host", host));
                parameters.Add(new NpgsqlParameter<string>("node", nodeName));
                parameters.Add(new NpgsqlParameter<DateTimeOffset>("finished_at", NpgsqlDbType.TimestampTz) { TypedValue = result.FinishedAt.ToUniversalTime() });
                parameters.Add(new NpgsqlParameter<double>("duration_ms", result.Duration.TotalMilliseconds));
                parameters.Add(new NpgsqlParameter<bool>("succeeded", result.Succeeded));
                parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = error ?? (object)DBNull.Value });
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The exception's message as the row keeps it: at most <see cref="MaxErrorLength"/> characters, never a surrogate
    /// pair cut in half, and NUL (which PostgreSQL's text refuses) as U+FFFD.
    /// </summary>
    internal static string ErrorText(Exception exception)
    {
        string message = string.IsNullOrWhiteSpace(exception.Message) ? exception.GetType().Name : exception.Message;
        if (message.Length > MaxErrorLength)
        {
            int cut = MaxErrorLength - 1;
            if (char.IsHighSurrogate(message[cut - 1]))
            {
                cut--;
            }

            message = string.Concat(message.AsSpan(0, cut), "\u2026");
        }

        return message.Contains('\0', StringComparison.Ordinal) ? new StringBuilder(message).Replace('\0', '\uFFFD').ToString() : message;
    }
}
