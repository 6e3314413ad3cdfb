using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests.Compute;

public sealed class HostResourcesVerifierTests
{
    private static readonly HostResources Complete = FakeComputeDriver.CreateResources("node1");

    [Fact]
    public void Verify_FakeDriverResources_Passes()
    {
        var act = () => HostResourcesVerifier.Verify(Complete);

        act.Should().NotThrow();
    }

    [Fact]
    public void Verify_NoCpuInfoNoNumaTopology_Passes()
    {
        // Nova defaults cpu_info to '' and numa_topology to None: neither is required.
        var act = () => (Complete with { CpuInfo = null, NumaTopology = null }).Verify();

        act.Should().NotThrow();
    }

    [Fact]
    public void Verify_ZeroEverywhere_Passes()
    {
        var zero = new HostResources { Vcpus = 0, MemoryMb = 0, LocalGb = 0, VcpusUsed = 0, MemoryMbUsed = 0, LocalGbUsed = 0 };

        var act = () => zero.Verify();

        act.Should().NotThrow();
    }

    [Fact]
    public void Verify_NegativeDiskAvailableLeast_Passes()
    {
        // Overcommitted guest disks legitimately make disk_available_least negative.
        var act = () => (Complete with { DiskAvailableLeast = -5 }).Verify();

        act.Should().NotThrow();
    }

    [Theory]
    [InlineData("vcpus")]
    [InlineData("memory_mb")]
    [InlineData("local_gb")]
    [InlineData("vcpus_used")]
    [InlineData("memory_mb_used")]
    [InlineData("local_gb_used")]
    public void Verify_OneKeyMissing_NamesThatKey(string key)
    {
        var act = () => HostResourcesVerifier.Verify(With(key, null));

        act.Should().Throw<InvalidHostResourcesException>()
            .WithMessage($"Invalid input received: Missing keys: ['{key}']")
            .Which.MissingKeys.Should().Equal(key);
    }

    [Fact]
    public void Verify_EverythingMissing_ListsEveryKeyInNovaOrder()
    {
        var act = () => new HostResources().Verify();

        var exception = act.Should().Throw<InvalidHostResourcesException>().Which;
        exception.Message.Should().Be(
            "Invalid input received: Missing keys: ['vcpus', 'memory_mb', 'local_gb', 'vcpus_used', 'memory_mb_used', 'local_gb_used']");
        exception.MissingKeys.Should().Equal("vcpus", "memory_mb", "local_gb", "vcpus_used", "memory_mb_used", "local_gb_used");
        exception.NegativeKeys.Should().BeEmpty();
    }

    [Theory]
    [InlineData("vcpus")]
    [InlineData("memory_mb")]
    [InlineData("local_gb")]
    [InlineData("vcpus_used")]
    [InlineData("memory_mb_used")]
    [InlineData("local_gb_used")]
    public void Verify_OneValueNegative_NamesThatKeyAndValue(string key)
    {
        var act = () => With(key, -3).Verify();

        act.Should().Throw<InvalidHostResourcesException>()
            .WithMessage($"Invalid input received: Negative values: {{'{key}': -3}}")
            .Which.NegativeKeys.Should().Equal(key);
    }

    [Fact]
    public void Verify_MissingAndNegative_ListsBothInNovaOrder()
    {
        var resources = Complete with { Vcpus = null, LocalGb = -1, MemoryMbUsed = null, VcpusUsed = -2, MemoryMb = -4000 };

        var act = () => resources.Verify();

        var exception = act.Should().Throw<InvalidHostResourcesException>().Which;
        exception.Message.Should().Be(
            "Invalid input received: Missing keys: ['vcpus', 'memory_mb_used']; Negative values: {'memory_mb': -4000, 'local_gb': -1, 'vcpus_used': -2}");
        exception.MissingKeys.Should().Equal("vcpus", "memory_mb_used");
        exception.NegativeKeys.Should().Equal("memory_mb", "local_gb", "vcpus_used");
    }

    [Fact]
    public void Verify_Null_ThrowsArgumentNullException()
    {
        var act = () => HostResourcesVerifier.Verify(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    private static HostResources With(string key, int? value) => key switch
    {
        "vcpus" => Complete with { Vcpus = value },
        "memory_mb" => Complete with { MemoryMb = value },
        "local_gb" => Complete with { LocalGb = value },
        "vcpus_used" => Complete with { VcpusUsed = value },
        "memory_mb_used" => Complete with { MemoryMbUsed = value },
        "local_gb_used" => Complete with { LocalGbUsed = value },
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };
}
