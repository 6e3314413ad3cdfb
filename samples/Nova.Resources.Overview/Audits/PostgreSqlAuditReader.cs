using Nova.Resources.Overview.Model;
using Npgsql;

namespace Nova.Resources.Overview.Audits;

/// <summary>
/// Reads <c>nova_resources_audits</c> joined to the current records of <c>compute_nodes</c>, so that the row of a
/// deleted record never shows. A store whose hosts record no audits has an empty table; a schema older than the table
/// reads as no audits.
/// </summary>
internal sealed class PostgreSqlAuditReader : IAuditReader, IAsyncDisposable
{
    private const string Sql =
        "SELECT a.host, a.hypervisor_hostname, a.finished_at, a.succeeded, a.error FROM nova_resources_audits a "
        + "JOIN compute_nodes c ON c.host = a.host AND c.hypervisor_hostname = a.hypervisor_hostname AND c.deleted = 0";

    private static readonly IReadOnlyDictionary<(string Host, string Node), NodeAudit> None = new Dictionary<(string Host, string Node), NodeAudit>();

    private readonly Lazy<NpgsqlDataSource> _dataSource;

    /// <summary>Creates the reader over a connection string, which the store has validated at start-up; nothing connects here.</summary>
    public PostgreSqlAuditReader(string connectionString)
    {
        _dataSource = new Lazy<NpgsqlDataSource>(() =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.ConnectionStringBuilder.ApplicationName ??= "nova-overview";
            return builder.Build();
        });
    }

    public async Task<IReadOnlyDictionary<(string Host, string Node), NodeAudit>> ReadAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.Value.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(Sql, connection);
            await using (command.ConfigureAwait(false))
            {
                NpgsqlDataReader reader;
                try
                {
                    reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
                {
                    return None;
                }

                await using (reader.ConfigureAwait(false))
                {
                    var audits = new Dictionary<(string Host, string Node), NodeAudit>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        audits[(reader.GetString(0), reader.GetString(1))] = new NodeAudit(
                            reader.GetFieldValue<DateTimeOffset>(2),
                            reader.GetBoolean(3),
                            reader.IsDBNull(4) ? null : reader.GetString(4));
                    }

                    return audits;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated)
        {
            await _dataSource.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
