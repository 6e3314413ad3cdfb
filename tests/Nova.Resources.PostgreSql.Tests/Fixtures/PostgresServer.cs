using Npgsql;

namespace Nova.Resources.PostgreSql.Tests.Fixtures;

/// <summary>
/// The PostgreSQL server the tests share: the one <c>NOVA_TEST_POSTGRES</c> names (a superuser connection string, as
/// tests/run.sh exports), else a cluster of its own, started here and stopped at the end. Each test class gets its own
/// database.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "NOVA_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private readonly Dictionary<string, string> _byOwner = new(StringComparer.Ordinal);
    private PostgresCluster? _cluster;

    /// <summary>Gets the superuser's connection string.</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        string? given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            AdminConnectionString = given;
            return;
        }

        _cluster = await PostgresCluster.StartAsync();
        AdminConnectionString = _cluster.ConnectionString;
    }

    /// <summary>Returns the connection string of the database of a test class, created empty on first use.</summary>
    public async Task<string> DatabaseForAsync(string owner)
    {
        lock (_byOwner)
        {
            if (_byOwner.TryGetValue(owner, out string? existing))
            {
                return existing;
            }
        }

        string connectionString = await CreateDatabaseAsync(AdminConnectionString, owner);
        lock (_byOwner)
        {
            _byOwner[owner] = connectionString;
        }

        return connectionString;
    }

    /// <summary>Creates a new empty database on the server of <paramref name="adminConnectionString"/>.</summary>
    public async Task<string> CreateDatabaseAsync(string adminConnectionString, string owner)
    {
        // The unique part first: PostgreSQL cuts identifiers at 63 bytes, and a long class name must not eat it.
        string name = $"nova_{Guid.NewGuid():N}_{owner.ToLowerInvariant()}";
        name = name[..Math.Min(name.Length, 63)];
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            return;
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        foreach (string name in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
