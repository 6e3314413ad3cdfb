using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests;

/// <summary>Allocation ratios that would grant any claim are refused at start-up, naming the option.</summary>
public sealed class RatioValidationTests
{
    public static TheoryData<string, string, string> NonFinite()
    {
        var data = new TheoryData<string, string, string>();
        (string, string)[] ratios =
        [
            (nameof(ComputeResourceOptions.CpuAllocationRatio), "cpu_allocation_ratio"),
            (nameof(ComputeResourceOptions.RamAllocationRatio), "ram_allocation_ratio"),
            (nameof(ComputeResourceOptions.DiskAllocationRatio), "disk_allocation_ratio"),
            (nameof(ComputeResourceOptions.InitialCpuAllocationRatio), "initial_cpu_allocation_ratio"),
            (nameof(ComputeResourceOptions.InitialRamAllocationRatio), "initial_ram_allocation_ratio"),
            (nameof(ComputeResourceOptions.InitialDiskAllocationRatio), "initial_disk_allocation_ratio"),
        ];
        foreach (var (property, option) in ratios)
        {
            data.Add(property, option, "Infinity");
            data.Add(property, option, "1e309");
            data.Add(property, option, "-Infinity");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Validate_InfiniteRatio_FailsNamingTheOption(string property, string option, string value)
    {
        var options = new ComputeResourceOptions();
        typeof(ComputeResourceOptions).GetProperty(property)!.SetValue(options, double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = ComputeResourceOptionsValidationTests.Validate(options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().ContainSingle().Which.Should().StartWith($"Value for option {property} ({option}) is not valid: Should be a finite number (value: ");
    }

    [Fact]
    public async Task HostStart_CpuAllocationRatio1e309FromConfiguration_StopsTheHostNamingTheKey()
    {
        var builder = Host.CreateApplicationBuilder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nova:CpuAllocationRatio"] = "1e309",
        }).Build();
        builder.Services.AddNovaResources(configuration.GetSection("Nova")).AddComputeDriver<FakeComputeDriver>();
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Be(
            "Value for option Nova:CpuAllocationRatio (cpu_allocation_ratio) is not valid: Should be a finite number (value: Infinity)");
    }
}
