using Microsoft.Extensions.Options;

namespace Nova.Resources.Tests;

public sealed partial class ComputeResourceOptionsValidationTests
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
            $"Value for option {property} ({option}) is not valid: Should be greater than or equal to 0 (value: -1)");
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
            $"Value for option {property} ({option}) is not valid: Should be greater than or equal to 0 (value: -0.5)");
    }

    [Fact]
    public void Validate_NaNRatio_Fails()
    {
        var result = Validate(new ComputeResourceOptions { CpuAllocationRatio = double.NaN });

        result.Failures.Should().Equal(
            "Value for option CpuAllocationRatio (cpu_allocation_ratio) is not valid: Should be greater than or equal to 0 (value: NaN)");
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
    [InlineData("it's", "\"it's\"")]
    [InlineData("a\tb", "'a\\tb'")]
    public void Validate_MyIpNotAnAddress_FailsWithNetaddrMessage(string myIp, string repr)
    {
        var result = Validate(new ComputeResourceOptions { MyIp = myIp });

        result.Failures.Should().Equal($"Value for option MyIp (my_ip) is not valid: failed to detect a valid IP address from {repr}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Validate_HostStatsMaxAgeNotPositive_Fails(int seconds)
    {
        var value = TimeSpan.FromSeconds(seconds);

        var result = Validate(new ComputeResourceOptions { HostStatsMaxAge = value });

        result.Failures.Should().Equal($"Value for option HostStatsMaxAge is not valid: Should be greater than 0 (value: {value:c})");
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

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("", "", "")]
    [InlineData("4-31,^8", null, null)]
    [InlineData(null, "0-3", "4-7")]
    [InlineData(null, "0-3", null)]
    [InlineData(null, null, "4-7")]
    [InlineData("0-3", "0-3", null)]
    public void Validate_PinSetsNovaAccepts_Succeeds(string? vcpuPinSet, string? shared, string? dedicated)
    {
        var options = new ComputeResourceOptions { VcpuPinSet = vcpuPinSet, CpuSharedSet = shared, CpuDedicatedSet = dedicated };

        Validate(options).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("1-,3", "Invalid range expression '1-'")]
    [InlineData("a", "Invalid inclusion expression 'a'")]
    [InlineData("0,^x", "Invalid exclusion expression '^x'")]
    [InlineData("3-1", "Invalid range expression '3-1'")]
    public void Validate_PinSetGrammarError_NamesOptionRuleAndValue(string value, string novaMessage)
    {
        foreach (var (option, options) in new[]
        {
            ("VcpuPinSet (vcpu_pin_set)", new ComputeResourceOptions { VcpuPinSet = value }),
            ("CpuSharedSet ([compute] cpu_shared_set)", new ComputeResourceOptions { CpuSharedSet = value }),
            ("CpuDedicatedSet ([compute] cpu_dedicated_set)", new ComputeResourceOptions { CpuDedicatedSet = value }),
        })
        {
            Validate(options).Failures.Should().Equal($"Value for option {option} is not valid: {novaMessage} (value: '{value}')");
        }
    }

    [Theory]
    [InlineData(" ", "' '")]
    [InlineData("0-1,^0,^1", "'0-1,^0,^1'")]
    [InlineData(",", "','")]
    public void Validate_PinSetWithNoCpu_FailsWithNovaMessage(string value, string repr)
    {
        Validate(new ComputeResourceOptions { VcpuPinSet = value }).Failures.Should().Equal(
            $"Value for option VcpuPinSet (vcpu_pin_set) is not valid: No CPUs available after parsing 'vcpu_pin_set' config, {repr}");
        Validate(new ComputeResourceOptions { CpuSharedSet = value }).Failures.Should().Equal(
            $"Value for option CpuSharedSet ([compute] cpu_shared_set) is not valid: No CPUs available after parsing '[compute] cpu_shared_set' config, {repr}");
        Validate(new ComputeResourceOptions { CpuDedicatedSet = value }).Failures.Should().Equal(
            $"Value for option CpuDedicatedSet ([compute] cpu_dedicated_set) is not valid: No CPUs available after parsing '[compute] cpu_dedicated_set' config, {repr}");
    }

    [Fact]
    public void Validate_SharedAndDedicatedOverlap_FailsWithNovaMessage()
    {
        var options = new ComputeResourceOptions { CpuSharedSet = "0-3", CpuDedicatedSet = "3-7" };

        Validate(options).Failures.Should().Equal(
            "Values for options CpuDedicatedSet ([compute] cpu_dedicated_set) = '3-7', CpuSharedSet ([compute] cpu_shared_set) = '0-3'"
            + " are not valid together: The '[compute] cpu_dedicated_set' and '[compute] cpu_shared_set' configuration options must be disjoint.");
    }

    [Theory]
    [InlineData("0-3", null, ", CpuSharedSet ([compute] cpu_shared_set) = '0-3'")]
    [InlineData(null, "4-7", ", CpuDedicatedSet ([compute] cpu_dedicated_set) = '4-7'")]
    [InlineData("0-3", "4-7", ", CpuSharedSet ([compute] cpu_shared_set) = '0-3', CpuDedicatedSet ([compute] cpu_dedicated_set) = '4-7'")]
    public void Validate_ReservedHostCpusWithAPinSet_FailsWithNovaMessage(string? shared, string? dedicated, string values)
    {
        var options = new ComputeResourceOptions { ReservedHostCpus = 2, CpuSharedSet = shared, CpuDedicatedSet = dedicated };

        Validate(options).Failures.Should().Equal(
            "Values for options ReservedHostCpus (reserved_host_cpus) = 2" + values + " are not valid together:"
            + " The 'reserved_host_cpus' config option cannot be defined alongside the '[compute] cpu_shared_set' or"
            + " '[compute] cpu_dedicated_set' options. Unset 'reserved_host_cpus'.");
    }

    [Fact]
    public void Validate_ReservedHostCpusWithoutPinSets_Succeeds()
    {
        Validate(new ComputeResourceOptions { ReservedHostCpus = 2 }).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_VcpuPinSetWithDedicatedSet_FailsWithNovaMessage()
    {
        var options = new ComputeResourceOptions { VcpuPinSet = "0-3", CpuDedicatedSet = "4-7" };

        Validate(options).Failures.Should().Equal(
            "Values for options VcpuPinSet (vcpu_pin_set) = '0-3', CpuDedicatedSet ([compute] cpu_dedicated_set) = '4-7' are not valid together:"
            + " The 'vcpu_pin_set' config option has been deprecated and cannot be defined alongside"
            + " '[compute] cpu_dedicated_set'. Unset 'vcpu_pin_set'.");
    }

    [Fact]
    public void Validate_VcpuPinSetWithSharedSetAndReservedCpus_Succeeds()
    {
        // With vcpu_pin_set set, Nova only rejects a dedicated set (and warns about a shared one).
        var options = new ComputeResourceOptions { VcpuPinSet = "0-3", CpuSharedSet = "0-1", ReservedHostCpus = 1 };

        Validate(options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_OverlapAndReservedCpus_ReportsBoth()
    {
        var options = new ComputeResourceOptions { CpuSharedSet = "0-3", CpuDedicatedSet = "2-5", ReservedHostCpus = 1 };

        var failures = Validate(options).Failures!.ToList();

        failures.Should().HaveCount(2);
        failures[0].Should().EndWith("The '[compute] cpu_dedicated_set' and '[compute] cpu_shared_set' configuration options must be disjoint.");
        failures[1].Should().Contain("The 'reserved_host_cpus' config option cannot be defined alongside");
    }

    [Fact]
    public void Validate_OnePinSetDoesNotParse_ReportsItAndSkipsTheRulesBetweenSets()
    {
        var options = new ComputeResourceOptions { VcpuPinSet = "0-3", CpuSharedSet = "x", CpuDedicatedSet = "0-3", ReservedHostCpus = 1 };

        Validate(options).Failures.Should().Equal(
            "Value for option CpuSharedSet ([compute] cpu_shared_set) is not valid: Invalid inclusion expression 'x' (value: 'x')");
    }

    internal static ValidateOptionsResult Validate(ComputeResourceOptions options)
    {
        return new ComputeResourceOptionsValidator().Validate(Options.DefaultName, options);
    }
}
