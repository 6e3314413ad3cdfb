using Npgsql;
using Nova.Resources.Overview.Tests.Support;

namespace Nova.Resources.Overview.Tests.Fleet;

/// <summary>
/// One PostgreSQL and one real Placement for a fleet: the server <c>NOVA_TEST_POSTGRES</c> names (a superuser
/// connection string, as tests/run.sh exports) or a throwaway cluster of its own; two fresh databases on it, one for
/// the compute-node records and one for a Placement of its own (tests/services/placement.sh), so no other test's
/// providers are counted.
/// </summary>
internal sealed class FleetServices : IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _ownCluster;

    private FleetServices(string directory, bool ownCluster, string storeConnectionString, Uri placement)
    {
        _directory = directory;
        _ownCluster = ownCluster;
        StoreConnectionString = storeConnectionString;
        PlacementEndpoint = placement;
    }

    public string StoreConnectionString { get; }

    public Uri PlacementEndpoint { get; }

    public static async Task<FleetServices> StartAsync(string name)
    {
        string directory = Directory.CreateTempSubdirectory($"nova-fleet-{name}.").FullName;
        string? given = Environment.GetEnvironmentVariable("NOVA_TEST_POSTGRES");
        bool own = string.IsNullOrWhiteSpace(given);
        string postgres = Repository.Path("tests", "services", "postgres.sh");
        string admin = own
            ? await StartClusterAsync(postgres, directory)
            : given!;

        string suffix = Guid.NewGuid().ToString("N")[..12];
        string store = await CreateDatabaseAsync(admin, $"nova_fleet_{suffix}");
        string placementDb = await CreateDatabaseAsync(admin, $"placement_fleet_{suffix}");
        var builder = new NpgsqlConnectionStringBuilder(placementDb);
        string sqlAlchemy = $"postgresql+psycopg2://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        string endpoint = (await ChildProcess.RunAsync(
            "bash",
            [Repository.Path("tests", "services", "placement.sh"), "start", Path.Combine(directory, "placement"), sqlAlchemy],
            Path.Combine(directory, "placement-start.log"),
            TimeSpan.FromMinutes(5))).Trim().Split('\n')[^1];
        return new FleetServices(directory, own, store, new Uri(endpoint));
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ChildProcess.RunAsync(
            "bash",
            [Repository.Path("tests", "services", "placement.sh"), "stop", Path.Combine(_directory, "placement")],
            Path.Combine(_directory, "placement-stop.log"),
            TimeSpan.FromMinutes(1));
        if (_ownCluster)
        {
            await ChildProcess.RunAsync(
                "bash",
                [Repository.Path("tests", "services", "postgres.sh"), "stop", Path.Combine(_directory, "pg")],
                Path.Combine(_directory, "postgres-stop.log"),
                TimeSpan.FromMinutes(2));
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<string> StartClusterAsync(string script, string directory)
    {
        string pg = Path.Combine(directory, "pg");
        await ChildProcess.RunAsync("bash", [script, "start", pg], Path.Combine(directory, "postgres-start.log"), TimeSpan.FromMinutes(5));
        return (await ChildProcess.RunAsync("bash", [script, "url", pg], Path.Combine(directory, "postgres-url.log"), TimeSpan.FromMinutes(1))).Trim();
    }

    private static async Task<string> CreateDatabaseAsync(string admin, string name)
    {
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
