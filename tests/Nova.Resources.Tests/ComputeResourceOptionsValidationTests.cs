using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests;

public sealed class ComputeResourceOptionsValidationTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Validate(new ComputeResourceOptions()).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(nameof(ComputeResourceOptions.ReservedHostMemoryMb), "reserved_host_memory_mb")]
    [InlineData(nameof(ComputeResourceOptions.ReservedHostDiskMb), "reserved_host_disk_mb")]
    [InlineData(nameof(ComputeResourceOptions.ReservedHostCpus), "reserved_host_cpus")]
    public void Validate_NegativeReservation_FailsWithOsloMessageAndTheValue(string property, string option)
    {
        var options = new ComputeResourceOptions();
        typeof(ComputeResourceOptions).GetProperty(property)!.SetValue(options, -1);

        var result = Validate(options);

        result.Failures.Should().Equal(
            $"Value for option {option} is not valid: Should be greater than or equal to 0 (value: -1)");
    }

    [Theory]
    [InlineData(nameof(ComputeResourceOptions.CpuAllocationRatio), "cpu_allocation_ratio")]
    [InlineData(nameof(ComputeResourceOptions.RamAllocationRatio), "ram_allocation_ratio")]
    [InlineData(nameof(ComputeResourceOptions.DiskAllocationRatio), "disk_allocation_ratio")]
    [InlineData(nameof(ComputeResourceOptions.InitialCpuAllocationRatio), "initial_cpu_allocation_ratio")]
    [InlineData(nameof(ComputeResourceOptions.InitialRamAllocationRatio), "initial_ram_allocation_ratio")]
    [InlineData(nameof(ComputeResourceOptions.InitialDiskAllocationRatio), "initial_disk_allocation_ratio")]
    public void Validate_NegativeRatio_FailsWithOsloMessageAndTheValue(string property, string option)
    {
        var options = new ComputeResourceOptions();
        typeof(ComputeResourceOptions).GetProperty(property)!.SetValue(options, -0.5);

        var result = Validate(options);

        result.Failures.Should().Equal(
            $"Value for option {option} is not valid: Should be greater than or equal to 0 (value: -0.5)");
    }

    [Fact]
    public void Validate_NaNRatio_Fails()
    {
        var result = Validate(new ComputeResourceOptions { CpuAllocationRatio = double.NaN });

        result.Failures.Should().Equal(
            "Value for option cpu_allocation_ratio is not valid: Should be greater than or equal to 0 (value: NaN)");
    }

    [Fact]
    public void Validate_ZeroValues_Succeed()
    {
        var options = new ComputeResourceOptions
        {
            ReservedHostMemoryMb = 0,
            CpuAllocationRatio = 0,
            RamAllocationRatio = 0,
            DiskAllocationRatio = 0,
            InitialCpuAllocationRatio = 0,
            UpdateResourcesInterval = TimeSpan.FromSeconds(-1),
        };

        Validate(options).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("::1")]
    [InlineData("2001:db8::5")]
    [InlineData("127.1")]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_MyIpAnAddressOrUnset_Succeeds(string? myIp)
    {
        Validate(new ComputeResourceOptions { MyIp = myIp }).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("not-an-ip", "'not-an-ip'")]
    [InlineData("300.1.1.1", "'300.1.1.1'")]
    public void Validate_MyIpNotAnAddress_FailsWithNetaddrMessage(string myIp, string repr)
    {
        var result = Validate(new ComputeResourceOptions { MyIp = myIp });

        result.Failures.Should().Equal($"Value for option my_ip is not valid: failed to detect a valid IP address from {repr}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Validate_HostStatsMaxAgeNotPositive_Fails(int seconds)
    {
        var value = TimeSpan.FromSeconds(seconds);

        var result = Validate(new ComputeResourceOptions { HostStatsMaxAge = value });

        result.Failures.Should().Equal($"Value for option HostStatsMaxAge is not valid: Should be greater than 0 (value: {value})");
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEveryOne()
    {
        var options = new ComputeResourceOptions { ReservedHostMemoryMb = -1, RamAllocationRatio = -2, MyIp = "x" };

        var result = Validate(options);

        result.Failures.Should().HaveCount(3);
        result.Failures.Should().Contain(f => f.Contains("reserved_host_memory_mb", StringComparison.Ordinal));
        result.Failures.Should().Contain(f => f.Contains("ram_allocation_ratio", StringComparison.Ordinal));
        result.Failures.Should().Contain(f => f.Contains("my_ip", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostStart_BadOption_StopsTheHostWithTheMessage()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddNovaResources(o => o.ReservedHostMemoryMb = -1).AddComputeDriver<FakeComputeDriver>();
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Be(
            "Value for option reserved_host_memory_mb is not valid: Should be greater than or equal to 0 (value: -1)");
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
            .WithMessage("Value for option my_ip is not valid: failed to detect a valid IP address from 'nope'");
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
            ["Nova:CpuDedicatedSet"] = "2-3",
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
            CpuDedicatedSet = "2-3",
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
            .WithMessage("Value for option reserved_host_disk_mb is not valid: Should be greater than or equal to 0 (value: -10)");
    }

    internal static ValidateOptionsResult Validate(ComputeResourceOptions options)
    {
        var failures = new List<string>();
        IValidateOptions<ComputeResourceOptions>[] validators = [new ComputeResourceOptionsRangeValidator(), new ComputeResourceOptionsValidator()];
        foreach (var validator in validators)
        {
            var result = validator.Validate(Options.DefaultName, options);
            if (result.Failed)
            {
                failures.AddRange(result.Failures);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
