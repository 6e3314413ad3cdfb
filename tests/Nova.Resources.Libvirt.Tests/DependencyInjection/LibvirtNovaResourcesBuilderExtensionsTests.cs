using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nova.Resources.Compute;

namespace Nova.Resources.Libvirt.Tests.DependencyInjection;

public sealed class LibvirtNovaResourcesBuilderExtensionsTests
{
    [Fact]
    public void AddLibvirtDriver_Registered_ResolvesAsComputeDriverWithoutOpening()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddNovaResources(_ => { }).AddLibvirtDriver(o => o.ConnectionUri = ":::notauri");
        using var provider = services.BuildServiceProvider();

        var driver = provider.GetRequiredService<IComputeDriver>();

        driver.Should().BeOfType<LibvirtDriver>().And.BeSameAs(provider.GetRequiredService<LibvirtDriver>());
        ((LibvirtDriver)driver).Connection.Generation.Should().Be(0);
        ((LibvirtDriver)driver).Connection.ReadOnly.Should().BeTrue();
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

        act.Should().Throw<OptionsValidationException>().WithMessage($"*LibvirtDriverOptions.{option} must be set*");
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
    public void AddLibvirtDriver_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddNovaResources(_ => { });

        FluentActions.Invoking(() => builder.AddLibvirtDriver(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ((NovaResourcesBuilder)null!).AddLibvirtDriver(_ => { })).Should().Throw<ArgumentNullException>();
    }

    private sealed class OtherDriver : IComputeDriver
    {
        public ValueTask<IReadOnlyList<string>> GetAvailableNodesAsync(CancellationToken cancellationToken = default) => new(["other"]);

        public ValueTask<HostResources?> GetAvailableResourceAsync(string nodeName, CancellationToken cancellationToken = default) => new((HostResources?)null);
    }
}
