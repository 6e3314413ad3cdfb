using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nova.Resources.Compute;
using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests.DependencyInjection;

public sealed class LibvirtNovaResourcesBuilderExtensionsTests
{
    [Fact]
    public void AddLibvirtDriver_Registered_ResolvesAsComputeDriverWithoutOpening()
    {
        var services = new ServiceCollection().AddLogging(logging => logging.AddFakeLogging());
        services.AddNovaResources(_ => { }).AddLibvirtDriver(o => o.ConnectionUri = ":::notauri");
        using var provider = services.BuildServiceProvider();

        var driver = provider.GetRequiredService<IComputeDriver>();

        driver.Should().BeOfType<LibvirtDriver>().And.BeSameAs(provider.GetRequiredService<LibvirtDriver>());
        provider.GetFakeLogCollector().Opens().Should().Be(0);
        provider.GetRequiredService<IOptions<LibvirtDriverOptions>>().Value.ReadOnly.Should().BeTrue();
    }

    [Fact]
    public void AddLibvirtDriver_AfterAnotherDriver_Wins()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddNovaResources(_ => { }).AddComputeDriver<OtherDriver>().AddLibvirtDriver(o => o.ConnectionUri = "test:///default");
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IComputeDriver>().Should().BeOfType<LibvirtDriver>();
        provider.GetServices<IComputeDriver>().Should().ContainSingle();
    }

    [Fact]
    public void AddLibvirtDriver_Defaults_AreNovas()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddNovaResources(_ => { }).AddLibvirtDriver(_ => { });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LibvirtDriverOptions>>().Value;

        options.ConnectionUri.Should().Be("qemu:///system");
        options.InstancesPath.Should().Be("/var/lib/nova/instances");
        options.ReadOnly.Should().BeTrue();
    }

    [Theory]
    [InlineData("", "/x", "ConnectionUri")]
    [InlineData(" ", "/x", "ConnectionUri")]
    [InlineData("test:///default", "", "InstancesPath")]
    public void AddLibvirtDriver_BadOptions_FailOnFirstUse(string uri, string path, string option)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddNovaResources(_ => { }).AddLibvirtDriver(o => (o.ConnectionUri, o.InstancesPath) = (uri, path));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IComputeDriver>();

        act.Should().Throw<OptionsValidationException>().WithMessage($"*Libvirt:{option} (Nova's *) must be set*");
    }

    [Fact]
    public async Task AddLibvirtDriver_EmptyUri_StopsHostStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddNovaResources(_ => { }).AddLibvirtDriver(o => o.ConnectionUri = "");
        using var host = builder.Build();

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*ConnectionUri*");
    }

    [Fact]
    public async Task AddLibvirtDriver_WithoutLogging_ResolvesAndReads()
    {
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddLibvirtDriver(o => (o.ConnectionUri, o.InstancesPath) = ("test:///default", "/"));
        await using var provider = services.BuildServiceProvider();

        var driver = provider.GetRequiredService<IComputeDriver>();

        (await driver.GetAvailableResourceAsync("any"))!.Vcpus.Should().Be(16);
    }

    [Fact]
    public void AddLibvirtDriver_Configuration_BindsEveryOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Libvirt:ConnectionUri"] = "test:///default",
            ["Libvirt:InstancesPath"] = "/srv/instances",
            ["Libvirt:ReadOnly"] = "false",
            ["Libvirt:CallTimeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddLibvirtDriver(configuration.GetSection("Libvirt"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LibvirtDriverOptions>>().Value;

        options.Should().BeEquivalentTo(new LibvirtDriverOptions
        {
            ConnectionUri = "test:///default",
            InstancesPath = "/srv/instances",
            ReadOnly = false,
            CallTimeout = TimeSpan.FromSeconds(5),
        });
        provider.GetRequiredService<IComputeDriver>().Should().BeOfType<LibvirtDriver>();
    }

    [Theory]
    [InlineData("30", "30.00:00:00")]
    [InlineData("00:00:00", "00:00:00")]
    [InlineData("00:00:00.5000000", "00:00:00.5000000")]
    [InlineData("-00:00:01", "-00:00:01")]
    public void AddLibvirtDriver_CallTimeoutOutOfRange_NamesKeyValueAndWhatToWrite(string value, string shown)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CallTimeout"] = value }).Build();
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddLibvirtDriver(configuration);
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<LibvirtDriverOptions>>().Value;

        act.Should().Throw<OptionsValidationException>()
            .WithMessage($"Libvirt:CallTimeout must be between 00:00:01 and 1.00:00:00; it is {shown}. Write a TimeSpan such as 00:00:30*");
    }

    [Fact]
    public async Task AddLibvirtDriver_CallTimeoutOutOfRange_StopsHostStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddNovaResources(_ => { }).AddLibvirtDriver(o => o.CallTimeout = TimeSpan.FromDays(30));
        using var host = builder.Build();

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*Libvirt:CallTimeout*30.00:00:00*");
    }

    [Fact]
    public void AddLibvirtDriver_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddNovaResources(_ => { });

        FluentActions.Invoking(() => builder.AddLibvirtDriver((Action<LibvirtDriverOptions>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ((NovaResourcesBuilder)null!).AddLibvirtDriver(_ => { })).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => builder.AddLibvirtDriver((IConfiguration)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ((NovaResourcesBuilder)null!).AddLibvirtDriver(new ConfigurationBuilder().Build())).Should().Throw<ArgumentNullException>();
    }

    private sealed class OtherDriver : IComputeDriver
    {
        public ValueTask<IReadOnlyList<string>> GetAvailableNodesAsync(CancellationToken cancellationToken = default) => new(["other"]);

        public ValueTask<HostResources?> GetAvailableResourceAsync(string nodeName, CancellationToken cancellationToken = default) => new((HostResources?)null);
    }
}
