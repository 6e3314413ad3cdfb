using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Compute;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests.DependencyInjection;

public sealed class DriverRegistrationMisuseTests
{
    [Fact]
    public void AddComputeDriver_InstanceTypedAsTheInterface_ResolvesTheInstance()
    {
        IComputeDriver driver = new FakeComputeDriver();
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddComputeDriver(driver);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IComputeDriver>().Should().BeSameAs(driver);
        provider.GetRequiredService<ComputeResourceManager>().Should().NotBeNull();
    }

    [Fact]
    public void AddComputeDriver_FactoryTypedAsTheInterface_ResolvesOnce()
    {
        int created = 0;
        var services = new ServiceCollection();
        services.AddNovaResources(_ => { }).AddComputeDriver<IComputeDriver>(_ =>
        {
            created++;
            return new FakeComputeDriver();
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IComputeDriver>().Should().BeSameAs(provider.GetRequiredService<IComputeDriver>());
        provider.GetRequiredService<ComputeResourceManager>().Should().NotBeNull();
        created.Should().Be(1);
    }

    [Fact]
    public void AddComputeDriver_InterfaceWithoutInstance_ThrowsAtRegistration()
    {
        var builder = new ServiceCollection().AddNovaResources(_ => { });

        var register = () => builder.AddComputeDriver<IComputeDriver>();

        register.Should().Throw<ArgumentException>().WithMessage("AddComputeDriver<IComputeDriver>() needs a concrete driver class*");
    }
}
