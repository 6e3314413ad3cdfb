using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Nova.Resources.PostgreSql;

/// <summary>
/// The store's database: one <see cref="NpgsqlDataSource"/> (a connection pool), built on first use, never in a
/// constructor, and the schema made current before the first statement.
/// </summary>
internal sealed class PostgreSqlDatabase : IAsyncDisposable, IDisposable
{
    private readonly IOptions<PostgreSqlStoreOptions> _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Lazy<NpgsqlDataSource> _dataSource;
    private readonly PostgreSqlSchema _schema;

    public PostgreSqlDatabase(IOptions<PostgreSqlStoreOptions> options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<PostgreSqlDatabase>();
        _dataSource = new Lazy<NpgsqlDataSource>(Build, LazyThreadSafetyMode.ExecutionAndPublication);
        _schema = new PostgreSqlSchema(this, _logger);
    }

    /// <summary>Gets the configuration key of the connection string.</summary>
    public string SettingName => _options.Value.SettingName;

    /// <summary>Gets the database as messages name it: host, port, database and user, never the password.</summary>
    public string Description => ConnectionDescription.Describe(new NpgsqlConnectionStringBuilder(_options.Value.ConnectionString));

    /// <summary>Gets the connection pool.</summary>
    public NpgsqlDataSource DataSource => _dataSource.Value;

    /// <summary>Creates or migrates the schema unless that was done already; the start-up service calls it.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection to a current schema; an Npgsql failure comes out as a
    /// <see cref="PostgreSqlStoreException"/> naming <paramref name="operation"/> (see <see cref="Failure"/>), a
    /// cancellation as itself.
    /// </summary>
    public async ValueTask<T> RunAsync<T>(string operation, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlConnection connection;
        try
        {
            connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(operation, ex);
        }

        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await work(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Failure(operation, ex);
            }
        }
    }

    /// <summary>
    /// Wraps an Npgsql failure in a message naming the operation and the database. When the server went away, the
    /// pool's idle connections are dropped too, so that the first call after the server is back does not fail on a
    /// connection that died with the old server.
    /// </summary>
    private PostgreSqlStoreException Failure(string operation, Exception ex)
    {
        if (IsConnectionLoss(ex) && _dataSource.IsValueCreated)
        {
            Log.ConnectionLost(_logger, Description, ex.Message);
            _dataSource.Value.Clear();
        }

        return new PostgreSqlStoreException($"{operation} failed on PostgreSQL ({Description}, from {SettingName}): {Describe(ex)}", ex);
    }

    public void Dispose()
    {
        if (_dataSource.IsValueCreated)
        {
            _dataSource.Value.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated)
        {
            await _dataSource.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Npgsql's message, with PostgreSQL's SQLSTATE and the socket error when there is one.</summary>
    internal static string Describe(Exception ex)
    {
        if (ex is PostgresException postgres)
        {
            return $"{postgres.SqlState}: {postgres.MessageText}";
        }

        string message = ex.Message;
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException or IOException or TimeoutException)
            {
                return $"{message} ({inner.Message})";
            }
        }

        return message;
    }

    private static bool IsConnectionLoss(Exception ex)
        => ex is NpgsqlException npgsql
            && (npgsql.IsTransient
                || ex is PostgresException { SqlState: "57P01" or "57P02" or "57P03" }
                || ex.InnerException is IOException or SocketException or EndOfStreamException);

    private NpgsqlDataSource Build()
    {
        var builder = new NpgsqlDataSourceBuilder(_options.Value.ConnectionString);
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
        {
            builder.ConnectionStringBuilder.ApplicationName = "Nova.Resources";
        }

        builder.UseLoggerFactory(_loggerFactory);
        return builder.Build();
    }
}
