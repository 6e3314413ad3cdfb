using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nova.Resources.PostgreSql.Tests.Fixtures;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;
using Npgsql;

namespace Nova.Resources.PostgreSql.Tests;

[Collection(PostgresGroup.Name)]
public sealed class StartupFailureTests(PostgresServer server)
{
    private const string Password = "s3cret-Pa55";
    private const string Setting = "PostgreSql:ConnectionString";

    [Fact]
    public async Task StartAsync_NothingListensOnThePort_ThrowsNamingTheSettingWithoutThePassword()
    {
        string connectionString = $"Host=127.0.0.1;Port={ClosedPort()};Database=nova;Username=nova;Password={Password};Timeout=5";
        await using var agent = Agent.Create(connectionString, "compute-1");

        var start = () => agent.Host.StartAsync();

        var failure = (await start.Should().ThrowAsync<PostgreSqlStoreException>()).Which;
        failure.Message.Should().StartWith($"{Setting}: cannot connect to PostgreSQL (Host=127.0.0.1;Port=").And.Contain("Database=nova;Username=nova");
        failure.ToString().Should().NotContain(Password);
        agent.Driver.GetCallCount(FakeComputeDriverMethod.GetAvailableNodes).Should().Be(0, "the audit starts after the store");
    }

    [Fact]
    public async Task StartAsync_UnparsableConnectionString_ThrowsNamingTheSettingWithoutThePassword()
    {
        await using var agent = Agent.Create($"Hots=127.0.0.1;Password={Password}", "compute-1");

        var start = () => agent.Host.StartAsync();

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        failure.Message.Should().StartWith($"{Setting} is not a valid connection string:").And.Contain("hots");
        failure.ToString().Should().NotContain(Password);
    }

    [Fact]
    public async Task StartAsync_ConfigurationWithoutTheKey_ThrowsNamingTheKeyOfTheSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:Db:Other"] = "x" }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddNovaResources(o => o.Host = "compute-1").AddComputeDriver(new FakeComputeDriver())
            .AddPostgreSqlStore(configuration.GetSection("Cluster:Db"));
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().StartWith("Cluster:Db:ConnectionString is not set");
    }

    [Fact]
    public async Task StartAsync_RoleWithoutTheRightToCreateTheSchema_ThrowsNamingTheSetting()
    {
        string database = await server.CreateDatabaseAsync(server.AdminConnectionString, "norights");
        string role = await CreateRoleAsync("nova_noright");
        string connectionString = new NpgsqlConnectionStringBuilder(database) { Username = role, Password = Password }.ConnectionString;
        await using var agent = Agent.Create(connectionString, "compute-1");

        var start = () => agent.Host.StartAsync();

        var failure = (await start.Should().ThrowAsync<PostgreSqlStoreException>()).Which;
        failure.Message.Should().StartWith($"{Setting}: the role has not the rights the compute-node store needs")
            .And.Contain($"Username={role}").And.Contain("42501: permission denied for schema public");
        failure.ToString().Should().NotContain(Password);
    }

    [Fact]
    public async Task StartAsync_RoleThatCannotReadTheTables_ThrowsNamingTheSetting()
    {
        string database = await MigratedDatabaseAsync("noread");
        string role = await CreateRoleAsync("nova_noread");
        await using var agent = Agent.Create(new NpgsqlConnectionStringBuilder(database) { Username = role }.ConnectionString, "compute-1");

        var start = () => agent.Host.StartAsync();

        (await start.Should().ThrowAsync<PostgreSqlStoreException>()).Which.Message
            .Should().StartWith($"{Setting}: the role has not the rights").And.Contain("42501: permission denied for table nova_resources_schema_version");
    }

    [Fact]
    public async Task StartAsync_ReadOnlyRoleOnACurrentSchema_StartsAndReadsTheCluster()
    {
        string database = await MigratedDatabaseAsync("readonly");
        string role = await CreateRoleAsync("nova_reader");
        await Sql.ExecuteAsync(database, $"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddNovaResourcesPostgreSqlStore(new NpgsqlConnectionStringBuilder(database) { Username = role }.ConnectionString);
        using var host = builder.Build();

        await host.StartAsync();

        var store = host.Services.GetRequiredService<IComputeNodeStore>();
        (await store.ListAsync()).Should().ContainSingle().Which.Host.Should().Be("compute-1");
        (await store.GetStatisticsAsync()).Count.Should().Be(1);
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_EightAgentsOnAnEmptyDatabaseAtOnce_MigrateOnce()
    {
        string database = await server.CreateDatabaseAsync(server.AdminConnectionString, "race");
        var agents = Enumerable.Range(1, 8).Select(i => Agent.Create(database, $"compute-{i}")).ToList();
        try
        {
            await Task.WhenAll(agents.Select(agent => agent.Host.StartAsync()));

            (await Sql.ScalarAsync(database, "SELECT string_agg(version::text, ',' ORDER BY version) FROM nova_resources_schema_version")).Should().Be("1,2", "each step runs once");
            (await agents[0].Store.ListAsync()).Select(n => n.Host).Should().BeEquivalentTo(agents.Select((_, i) => $"compute-{i + 1}"));
        }
        finally
        {
            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
            }
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<string> CreateRoleAsync(string prefix)
    {
        string role = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await Sql.ExecuteAsync(server.AdminConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD '{Password}'");
        return role;
    }

    /// <summary>A database whose schema an agent (as the superuser) created, holding the record of host compute-1.</summary>
    private async Task<string> MigratedDatabaseAsync(string owner)
    {
        string database = await server.CreateDatabaseAsync(server.AdminConnectionString, owner);
        await using var agent = await Agent.StartAsync(database, "compute-1");
        return database;
    }
}
