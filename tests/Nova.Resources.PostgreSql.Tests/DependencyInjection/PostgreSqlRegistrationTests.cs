using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nova.Resources.Compute;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.PostgreSql.Tests.DependencyInjection;

public sealed class PostgreSqlRegistrationTests
{
    // Nothing listens there: resolving must not connect.
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=nova;Username=nova;Password=pw";

    [Fact]
    public void AddPostgreSqlStore_AfterAddNovaResources_ReplacesTheInMemoryStoreAndLedger()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddNovaResources(o => o.Host = "compute").AddComputeDriver(new FakeComputeDriver()).AddPostgreSqlStore(Unreachable);

        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IComputeNodeStore>().Should().BeOfType<PostgreSqlComputeNodeStore>();
        provider.GetRequiredService<IInstanceLedger>().Should().BeOfType<PostgreSqlInstanceLedger>();
        provider.GetRequiredService<ComputeResourceManager>().Should().NotBeNull();
        services.Count(d => d.ServiceType == typeof(IComputeNodeStore)).Should().Be(1);
    }

    [Fact]
    public void AddPostgreSqlStore_Twice_StartsTheSchemaOnceAndBeforeTheAudit()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddNovaResources(o => o.Host = "compute").AddComputeDriver(new FakeComputeDriver());
        builder.AddPostgreSqlStore(Unreachable).AddPostgreSqlStore(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PostgreSql:ConnectionString"] = Unreachable }).Build().GetSection("PostgreSql"));

        using var provider = services.BuildServiceProvider();

        provider.GetServices<IHostedService>().Select(s => s.GetType().Name).Should().Equal(nameof(PostgreSqlSchemaService), "ResourceAuditService");
    }

    [Fact]
    public void AddNovaResourcesPostgreSqlStore_Alone_GivesTheStoreWithoutADriverOrAnAudit()
    {
        var services = new ServiceCollection();
        services.AddNovaResourcesPostgreSqlStore(Unreachable);

        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IComputeNodeStore>().Should().BeOfType<PostgreSqlComputeNodeStore>();
        provider.GetService<IComputeDriver>().Should().BeNull();
        provider.GetService<ComputeResourceManager>().Should().BeNull();
        provider.GetServices<IHostedService>().Should().ContainSingle().Which.Should().BeOfType<PostgreSqlSchemaService>();
    }

    [Fact]
    public async Task AddNovaResourcesPostgreSqlStore_WithoutAHost_FailsAtTheFirstCallNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddNovaResourcesPostgreSqlStore(Unreachable);
        await using var provider = services.BuildServiceProvider();

        var list = async () => await provider.GetRequiredService<IComputeNodeStore>().ListAsync();

        (await list.Should().ThrowAsync<PostgreSqlStoreException>()).Which.Message
            .Should().StartWith("PostgreSql:ConnectionString: cannot connect to PostgreSQL (Host=127.0.0.1;Port=1;Database=nova;Username=nova)")
            .And.NotContain("pw");
    }

    [Fact]
    public void AddPostgreSqlStore_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddNovaResources(_ => { });

        var nullString = () => builder.AddPostgreSqlStore((string)null!);
        var nullSection = () => builder.AddPostgreSqlStore((IConfiguration)null!);
        var nullServices = () => ((IServiceCollection)null!).AddNovaResourcesPostgreSqlStore(Unreachable);

        nullString.Should().Throw<ArgumentNullException>().WithParameterName("connectionString");
        nullSection.Should().Throw<ArgumentNullException>().WithParameterName("configuration");
        nullServices.Should().Throw<ArgumentNullException>().WithParameterName("services");
    }
}
