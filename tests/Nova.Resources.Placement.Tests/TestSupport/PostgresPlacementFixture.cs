namespace Nova.Resources.Placement.Tests.TestSupport;

/// <summary>
/// Placement on PostgreSQL served by several API processes on one database, as Placement scales out, so that claims
/// really race in the database: the processes tests/run.sh started (<c>NOVA_TEST_PLACEMENT_PG</c>, comma-separated
/// endpoints), or a PostgreSQL cluster (tests/services/postgres.sh) and three processes of its own.
/// </summary>
public sealed class PostgresPlacementFixture : IAsyncLifetime
{
    private const int Processes = 3;
    private readonly List<PlacementServer> _own = [];
    private string? _cluster;

    public IReadOnlyList<Uri> Endpoints { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("NOVA_TEST_PLACEMENT_PG") is { Length: > 0 } given)
        {
            Endpoints = [.. given.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(static e => new Uri(e))];
            return;
        }

        _cluster = Directory.CreateTempSubdirectory("nova-placement-pg.").FullName;
        string port = (await PlacementServer.RunScriptAsync("start", _cluster, null, "postgres.sh")).Trim();
        string url = $"postgresql+psycopg2://postgres@127.0.0.1:{port}/postgres";
        // The first process creates the schema; the others start on it.
        for (int i = 0; i < Processes; i++)
        {
            _own.Add(await PlacementServer.StartAsync(url));
        }

        Endpoints = [.. _own.Select(static s => s.Endpoint)];
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _own)
        {
            await server.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await PlacementServer.RunScriptAsync("stop", _cluster, null, "postgres.sh");
            Directory.Delete(_cluster, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresPlacementCollection : ICollectionFixture<PostgresPlacementFixture>
{
    public const string Name = "Placement (PostgreSQL)";
}
