using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Placement.Tests.DependencyInjection;

public sealed class PlacementOptionsTests
{
    [Fact]
    public void Value_NoEndpointNoToken_ThrowsNamingTheConfigurationKeysAndNovasOptions()
    {
        using var services = Build(new Dictionary<string, string?>());

        var act = () => services.GetRequiredService<IOptions<PlacementOptions>>().Value;

        var failures = act.Should().Throw<OptionsValidationException>().Which.Failures;
        failures.Should().Contain(static f => f.StartsWith("Placement:Endpoint is required", StringComparison.Ordinal) && f.Contains("[placement] endpoint_override", StringComparison.Ordinal));
        failures.Should().Contain(static f => f.StartsWith("Placement:Token is required unless an IPlacementTokenProvider is registered", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Endpoint", "ftp://controller/", "Placement:Endpoint must be an absolute http or https URL, not 'ftp://controller/'")]
    [InlineData("AssociationRefresh", "300", "Placement:AssociationRefresh must be between 00:00:00 and 1.00:00:00, not 300.00:00:00")]
    [InlineData("AssociationRefresh", "-00:00:01", "[compute] resource_provider_association_refresh")]
    [InlineData("RequestTimeout", "00:00:00", "Placement:RequestTimeout must be more than 00:00:00")]
    [InlineData("MaxRetryAttempts", "11", "Placement:MaxRetryAttempts must be between 0 and 10, not 11")]
    [InlineData("AdditionalTraits:0", "custom_gold", "Placement:AdditionalTraits has 'custom_gold'")]
    public void Value_BadValue_ThrowsNamingTheKeyAndTheValue(string key, string value, string expected)
    {
        using var services = Build(new Dictionary<string, string?> { ["Endpoint"] = "http://controller:8778", ["Token"] = "admin", [key] = value });

        var act = () => services.GetRequiredService<IOptions<PlacementOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().Contain(expected);
    }

    [Fact]
    public void Value_FromConfiguration_BindsEveryKey()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Endpoint"] = "https://cloud.example/placement",
            ["Token"] = "admin",
            ["AssociationRefresh"] = "00:01:00",
            ["KeepAlive"] = "false",
            ["AdditionalTraits:0"] = "CUSTOM_GOLD",
        });

        var options = services.GetRequiredService<IOptions<PlacementOptions>>().Value;

        options.Endpoint.Should().Be(new Uri("https://cloud.example/placement"));
        options.AssociationRefresh.Should().Be(TimeSpan.FromMinutes(1));
        options.KeepAlive.Should().BeFalse();
        options.AdditionalTraits.Should().Equal("CUSTOM_GOLD");
    }

    [Fact]
    public void Value_TokenProviderRegistered_NeedsNoToken()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IPlacementTokenProvider, NoTokens>();
        collection.AddPlacementClient(static o => o.Endpoint = new Uri("http://controller:8778"));
        using var services = collection.BuildServiceProvider();

        services.GetRequiredService<IOptions<PlacementOptions>>().Value.Token.Should().BeNull();
    }

    [Fact]
    public async Task StartAsync_HostWithBadOptions_FailsAtStartUp()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddNovaResources(static _ => { }).AddComputeDriver<FakeComputeDriver>().AddPlacement(static o => o.Endpoint = new Uri("http://controller:8778"));
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("Placement:Token is required");
    }

    [Fact]
    public void AddPlacement_CalledTwice_RegistersOneReporterAndOneClient()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        var nova = collection.AddNovaResources(static _ => { }).AddComputeDriver<FakeComputeDriver>();
        nova.AddPlacement(static o => { o.Endpoint = new Uri("http://controller:8778"); o.Token = "t"; });
        nova.AddPlacement(static o => o.Token = "u");
        collection.AddPlacementClient(static _ => { });
        using var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        services.GetServices<IComputeNodeReporter>().Should().ContainSingle();
        services.GetRequiredService<IOptions<PlacementOptions>>().Value.Token.Should().Be("u");
        collection.Count(static d => d.ServiceType == typeof(PlacementClient)).Should().Be(1);
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddPlacementClient(configuration);
        return collection.BuildServiceProvider();
    }

    private sealed class NoTokens : IPlacementTokenProvider
    {
        public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult("x");
    }
}
