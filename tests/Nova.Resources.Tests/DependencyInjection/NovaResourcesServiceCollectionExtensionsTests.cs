using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests.DependencyInjection;

public sealed class NovaResourcesServiceCollectionExtensionsTests
{
    [Fact]
    public void AddNovaResources_EveryRegisteredService_Resolves()
    {
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddComputeDriver<FakeComputeDriver>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        foreach (var descriptor in services.Where(d => !d.ServiceType.IsGenericTypeDefinition))
        {
            var resolved = descriptor.ServiceType.IsGenericType && descriptor.ServiceType.GetGenericTypeDefinition() == typeof(IEnumerable<>)
                ? provider.GetService(descriptor.ServiceType)
                : provider.GetServices(descriptor.ServiceType).LastOrDefault();
            resolved.Should().NotBeNull($"{descriptor.ServiceType} is registered");
        }

        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
        provider.GetRequiredService<HostState>().Should().BeSameAs(provider.GetRequiredService<HostState>());
        provider.GetRequiredService<IComputeDriver>().Should().BeSameAs(provider.GetRequiredService<FakeComputeDriver>());
        provider.GetServices<IValidateOptions<ComputeResourceOptions>>().Should().ContainSingle();
        provider.GetRequiredService<IOptions<ComputeResourceOptions>>().Value.ReservedHostMemoryMb.Should().Be(512);
    }

    [Fact]
    public async Task AddNovaResources_WithoutLogging_HostStateStillResolvesAndWorks()
    {
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddComputeDriver<FakeComputeDriver>();
        await using var provider = services.BuildServiceProvider();

        var state = provider.GetRequiredService<HostState>();

        (await state.GetHostStatsAsync(FakeComputeDriver.DefaultNodeName)).Should().NotBeNull();
    }

    [Fact]
    public async Task AddNovaResources_WithLogging_HostStateLogsThroughTheContainer()
    {
        var collector = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        services.AddNovaResources(_ => { }).AddComputeDriver<FakeComputeDriver>();
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<HostState>().GetHostStatsAsync(FakeComputeDriver.DefaultNodeName);

        collector.GetSnapshot().Should().Contain(r => r.Id.Id == 201 && r.Category == typeof(HostState).FullName);
    }

    [Fact]
    public void AddNovaResources_TimeProviderRegisteredBefore_KeepsIt()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddNovaResources(_ => { });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(time);
    }

    [Fact]
    public void AddNovaResources_CalledTwice_RegistersEachDefaultOnceAndAppliesBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddNovaResources(o => o.ReservedHostCpus = 2);
        services.AddNovaResources(o => o.ReservedHostDiskMb = 100);
        using var provider = services.BuildServiceProvider();

        services.Count(d => d.ServiceType == typeof(HostState)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(TimeProvider)).Should().Be(1);
        provider.GetServices<IValidateOptions<ComputeResourceOptions>>().Should().ContainSingle();
        var options = provider.GetRequiredService<IOptions<ComputeResourceOptions>>().Value;
        options.ReservedHostCpus.Should().Be(2);
        options.ReservedHostDiskMb.Should().Be(100);
    }

    [Fact]
    public void AddComputeDriver_Instance_ResolvesThatInstanceAsDriverAndAsItself()
    {
        var driver = new FakeComputeDriver();
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddComputeDriver(driver);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IComputeDriver>().Should().BeSameAs(driver);
        provider.GetRequiredService<FakeComputeDriver>().Should().BeSameAs(driver);
    }

    [Fact]
    public void AddComputeDriver_Factory_RunsOnlyWhenFirstResolvedAndOnce()
    {
        int created = 0;
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddComputeDriver(_ =>
        {
            created++;
            return new FakeComputeDriver();
        });
        using var provider = services.BuildServiceProvider();
        created.Should().Be(0);

        var driver = provider.GetRequiredService<IComputeDriver>();

        provider.GetRequiredService<FakeComputeDriver>().Should().BeSameAs(driver);
        created.Should().Be(1);
    }

    [Fact]
    public void AddComputeDriver_CalledAgain_TheLastChoiceWins()
    {
        var first = new FakeComputeDriver();
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddComputeDriver(first).AddComputeDriver<OtherDriver>();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IComputeDriver>().Should().BeOfType<OtherDriver>();
        services.Count(d => d.ServiceType == typeof(IComputeDriver)).Should().Be(1);
    }

    [Fact]
    public void AddNovaResources_Registration_ConstructsNothing()
    {
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddComputeDriver<ThrowingDriver>();

        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IComputeDriver>();
        act.Should().Throw<InvalidOperationException>().WithMessage("constructed");
    }

    [Fact]
    public void Extensions_NullArguments_Throw()
    {
        var services = new ServiceCollection();
        var builder = services.AddNovaResources(_ => { });

        FluentActions.Invoking(() => ((IServiceCollection)null!).AddNovaResources(_ => { })).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => services.AddNovaResources((Action<ComputeResourceOptions>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => services.AddNovaResources((Microsoft.Extensions.Configuration.IConfiguration)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ((NovaResourcesBuilder)null!).AddComputeDriver<FakeComputeDriver>()).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => builder.AddComputeDriver((FakeComputeDriver)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => builder.AddComputeDriver((Func<IServiceProvider, FakeComputeDriver>)null!)).Should().Throw<ArgumentNullException>();
    }

    private sealed class OtherDriver : IComputeDriver
    {
        public ValueTask<IReadOnlyList<string>> GetAvailableNodesAsync(CancellationToken cancellationToken = default)
            => new(Array.Empty<string>());

        public ValueTask<HostResources?> GetAvailableResourceAsync(string nodeName, CancellationToken cancellationToken = default)
            => new((HostResources?)null);
    }

    private sealed class ThrowingDriver : IComputeDriver
    {
        public ThrowingDriver() => throw new InvalidOperationException("constructed");

        public ValueTask<IReadOnlyList<string>> GetAvailableNodesAsync(CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public ValueTask<HostResources?> GetAvailableResourceAsync(string nodeName, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();
    }
}
