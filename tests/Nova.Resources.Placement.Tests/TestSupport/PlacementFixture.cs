namespace Nova.Resources.Placement.Tests.TestSupport;

/// <summary>
/// The sqlite-backed Placement the serial tests share: the one tests/run.sh started (<c>NOVA_TEST_PLACEMENT</c>), or one
/// of its own started through the script.
/// </summary>
public sealed class PlacementFixture : IAsyncLifetime
{
    private PlacementServer? _own;

    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("NOVA_TEST_PLACEMENT") is { Length: > 0 } given)
        {
            Endpoint = new Uri(given);
            return;
        }

        _own = await PlacementServer.StartAsync();
        Endpoint = _own.Endpoint;
    }

    public async Task DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }
    }
}

/// <summary>The tests that share the sqlite-backed Placement and the test driver's node name run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PlacementCollection : ICollectionFixture<PlacementFixture>
{
    public const string Name = "Placement (sqlite)";
}
