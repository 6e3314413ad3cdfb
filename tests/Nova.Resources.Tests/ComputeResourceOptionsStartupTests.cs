using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests;

/// <summary>The options as an application meets them: bound from configuration, validated when the host starts or on first use.</summary>
public sealed class ComputeResourceOptionsStartupTests
{
    [Fact]
    public async Task HostStart_BadPinSet_StopsTheHostWithTheMessage()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddNovaResources(o => o.VcpuPinSet = "4-31,^8,x").AddComputeDriver<FakeComputeDriver>();
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Be(
            "Value for option VcpuPinSet (vcpu_pin_set) is not valid: Invalid inclusion expression 'x' (value: '4-31,^8,x')");
    }

    [Fact]
    public void BareServiceProvider_OverlappingPinSets_FailsOnFirstUseWithNovaMessage()
    {
        var services = new ServiceCollection();
        services.AddNovaResources(o =>
        {
            o.CpuSharedSet = "0-3";
            o.CpuDedicatedSet = "3";
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<ComputeResourceOptions>>().Value;

        act.Should().Throw<OptionsValidationException>()
            .WithMessage("Values for options CpuDedicatedSet ([compute] cpu_dedicated_set) = '3', CpuSharedSet ([compute] cpu_shared_set) = '0-3'"
                + " are not valid together: The '[compute] cpu_dedicated_set' and '[compute] cpu_shared_set' configuration options must be disjoint.");
    }

    [Fact]
    public async Task HostStart_BadOption_StopsTheHostWithTheMessage()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddNovaResources(o => o.ReservedHostMemoryMb = -1).AddComputeDriver<FakeComputeDriver>();
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Be(
            "Value for option ReservedHostMemoryMb (reserved_host_memory_mb) is not valid: Should be greater than or equal to 0 (value: -1)");
    }

    [Fact]
    public async Task HostStart_GoodOptions_Starts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddNovaResources(o => o.MyIp = "192.0.2.1").AddComputeDriver<FakeComputeDriver>();
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void BareServiceProvider_BadOption_FailsOnFirstUseWithTheMessage()
    {
        var services = new ServiceCollection();
        services.AddNovaResources(o => o.MyIp = "nope").AddComputeDriver<FakeComputeDriver>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var readOptions = () => provider.GetRequiredService<IOptions<ComputeResourceOptions>>().Value;
        var resolveHostState = () => provider.GetRequiredService<HostState>();

        readOptions.Should().Throw<OptionsValidationException>()
            .WithMessage("Value for option MyIp (my_ip) is not valid: failed to detect a valid IP address from 'nope'");
        resolveHostState.Should().Throw<OptionsValidationException>()
            .WithMessage("*failed to detect a valid IP address from 'nope'*");
    }

    [Fact]
    public void AddNovaResources_Configuration_BindsEveryOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nova:Host"] = "compute-1",
            ["Nova:MyIp"] = "192.0.2.7",
            ["Nova:VcpuPinSet"] = "4-31,^8",
            ["Nova:CpuSharedSet"] = "0-1",
            ["Nova:ReservedHostMemoryMb"] = "2048",
            ["Nova:ReservedHostDiskMb"] = "1536",
            ["Nova:ReservedHostCpus"] = "1",
            ["Nova:CpuAllocationRatio"] = "16.0",
            ["Nova:RamAllocationRatio"] = "1.5",
            ["Nova:DiskAllocationRatio"] = "2",
            ["Nova:InitialCpuAllocationRatio"] = "8",
            ["Nova:InitialRamAllocationRatio"] = "1.25",
            ["Nova:InitialDiskAllocationRatio"] = "1.1",
            ["Nova:UpdateResourcesInterval"] = "00:05:00",
            ["Nova:HostStatsMaxAge"] = "00:00:30",
        }).Build();
        var services = new ServiceCollection();
        services.AddNovaResources(configuration.GetSection("Nova"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<ComputeResourceOptions>>().Get(Options.DefaultName);

        options.Should().BeEquivalentTo(new ComputeResourceOptions
        {
            Host = "compute-1",
            MyIp = "192.0.2.7",
            VcpuPinSet = "4-31,^8",
            CpuSharedSet = "0-1",
            ReservedHostMemoryMb = 2048,
            ReservedHostDiskMb = 1536,
            ReservedHostCpus = 1,
            CpuAllocationRatio = 16.0,
            RamAllocationRatio = 1.5,
            DiskAllocationRatio = 2,
            InitialCpuAllocationRatio = 8,
            InitialRamAllocationRatio = 1.25,
            InitialDiskAllocationRatio = 1.1,
            UpdateResourcesInterval = TimeSpan.FromMinutes(5),
            HostStatsMaxAge = TimeSpan.FromSeconds(30),
        });
    }

    [Fact]
    public void AddNovaResources_Configuration_BindsTheDedicatedSet()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nova:CpuSharedSet"] = "0-1",
            ["Nova:CpuDedicatedSet"] = "2-3",
        }).Build();
        var services = new ServiceCollection();
        services.AddNovaResources(configuration.GetSection("Nova"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ComputeResourceOptions>>().Value;

        options.CpuSharedSet.Should().Be("0-1");
        options.CpuDedicatedSet.Should().Be("2-3");
    }

    [Fact]
    public void AddNovaResources_EmptyConfiguration_KeepsNovaDefaults()
    {
        var services = new ServiceCollection();
        services.AddNovaResources(new ConfigurationBuilder().Build().GetSection("Nova"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ComputeResourceOptions>>().Value;

        options.Should().BeEquivalentTo(new ComputeResourceOptions());
        options.ReservedHostMemoryMb.Should().Be(512);
        options.InitialCpuAllocationRatio.Should().Be(4.0);
        options.InitialRamAllocationRatio.Should().Be(1.0);
        options.InitialDiskAllocationRatio.Should().Be(1.0);
        options.CpuAllocationRatio.Should().BeNull();
        options.UpdateResourcesInterval.Should().Be(TimeSpan.Zero);
        options.HostStatsMaxAge.Should().BeNull();
    }

    [Fact]
    public void AddNovaResources_BadConfigurationValue_FailsWithTheMessage()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nova:ReservedHostDiskMb"] = "-10",
        }).Build();
        var services = new ServiceCollection();
        services.AddNovaResources(configuration.GetSection("Nova"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<ComputeResourceOptions>>().Value;

        act.Should().Throw<OptionsValidationException>()
            .WithMessage("Value for option Nova:ReservedHostDiskMb (reserved_host_disk_mb) is not valid: Should be greater than or equal to 0 (value: -10)");
    }
}
