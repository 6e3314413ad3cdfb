using Microsoft.Extensions.Logging;
using Npgsql;

namespace Nova.Resources.PostgreSql;

/// <summary>
/// Brings the database's schema to <see cref="SchemaMigrations.Latest"/> once per process: a read of the recorded
/// version when it is current (so a role with read rights only can use the store), otherwise the missing steps in
/// one transaction under an advisory lock, so that agents starting at once never race. A failure is not cached:
/// the next call tries again.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim never creates its wait handle; the schema lives as long as the store.")]
internal sealed class PostgreSqlSchema
{
    private readonly PostgreSqlDatabase _database;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _current;

    public PostgreSqlSchema(PostgreSqlDatabase database, ILogger logger)
    {
        _database = database;
        _logger = logger;
    }

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_current)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_current)
            {
                await MigrateAsync(cancellationToken).ConfigureAwait(false);
                _current = true;
            }
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw StartFailure(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            int version = await ReadVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
            if (version >= SchemaMigrations.Latest)
            {
                Log.SchemaCurrent(_logger, version);
                return;
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaMigrations.AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction,
                    $"CREATE TABLE IF NOT EXISTS {SchemaMigrations.VersionTable} (version integer PRIMARY KEY, applied_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))",
                    cancellationToken).ConfigureAwait(false);

                // Another agent may have migrated while this one waited for the lock.
                version = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                for (int step = version + 1; step <= SchemaMigrations.Latest; step++)
                {
                    await ExecuteAsync(connection, transaction, SchemaMigrations.Steps[step - 1], cancellationToken).ConfigureAwait(false);
                    await ExecuteAsync(connection, transaction, $"INSERT INTO {SchemaMigrations.VersionTable} (version) VALUES ({step})", cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (version < SchemaMigrations.Latest)
                {
                    Log.SchemaMigrated(_logger, version, SchemaMigrations.Latest);
                }
            }
        }
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var exists = new NpgsqlCommand($"SELECT to_regclass('{SchemaMigrations.VersionTable}') IS NOT NULL", connection, transaction);
        await using (exists.ConfigureAwait(false))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return 0;
            }
        }

        var max = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {SchemaMigrations.VersionTable}", connection, transaction);
        await using (max.ConfigureAwait(false))
        {
            return (int)(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private PostgreSqlStoreException StartFailure(NpgsqlException ex)
    {
        string setting = _database.SettingName;
        string database = _database.Description;
        string reason = PostgreSqlDatabase.Describe(ex);
        string message = ex switch
        {
            PostgresException { SqlState: "42501" } =>
                $"{setting}: the role has not the rights the compute-node store needs in {database} (to read its tables, and to create them on first use): {reason}",
            PostgresException { SqlState: "28P01" or "28000" } =>
                $"{setting}: PostgreSQL refused the login to {database}: {reason}",
            PostgresException { SqlState: "3D000" } =>
                $"{setting}: the database does not exist ({database}): {reason}",
            PostgresException =>
                $"{setting}: the compute-node store could not create or check its schema in {database}: {reason}",
            _ => $"{setting}: cannot connect to PostgreSQL ({database}): {reason}",
        };
        return new PostgreSqlStoreException(message, ex);
    }
}
