using Nova.Resources.Tests.Tracking;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Reliability;

/// <summary>
/// Sizes that used to wrap around and grant impossible claims, on the fake driver's big node (1000 vCPUs, 800000 MiB,
/// 600000 GiB; 512 MiB reserved): refused where they enter, or left out of the audit and logged.
/// </summary>
public sealed class HostileNumbersTests
{
    private const long Reserved = 512;

    private static TrackerHarness Big(TestInstanceSource? source = null)
    {
        var h = TrackerHarness.ForReliability(vcpus: 1000, memoryMb: 800000, localGb: 600000);
        h.InstanceSource = source;
        return h;
    }

    private static InstanceRequest Sized(string uuid, int vcpus = 1, long memoryMb = 0, long rootGb = 0, long ephemeralGb = 0, long swapMb = 0)
        => new() { Uuid = uuid, Vcpus = vcpus, MemoryMb = memoryMb, RootGb = rootGb, EphemeralGb = ephemeralGb, SwapMb = swapMb, VmState = "active" };

    [Fact]
    public async Task Audit_SourceInstanceWithMemoryMaxValue_IsSkippedAndLoggedAndLaterClaimsStayWithinTheNode()
    {
        var source = new TestInstanceSource();
        source.Set(TrackerHarness.Node, Sized("poison", memoryMb: long.MaxValue), Sized("good", memoryMb: 1000));
        using var h = Big(source);

        var tracker = await h.AuditedTracker();

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(Reserved + 1000, "the poison row is left out, the good one counted");
        h.Messages.Should().Contain(m => m.Contains("poison", StringComparison.Ordinal) && m.Contains("MemoryMb must not be above 2147483647", StringComparison.Ordinal));
        await tracker.ClaimAsync(Sized("a", memoryMb: 700000));
        var second = () => tracker.ClaimAsync(Sized("b", memoryMb: 700000)).AsTask();
        await second.Should().ThrowAsync<ComputeResourcesUnavailableException>();
    }

    [Fact]
    public async Task Audit_SourceInstanceWithNegativeMemory_IsSkippedAndAnOvercommittingClaimIsRefused()
    {
        var source = new TestInstanceSource();
        source.Set(TrackerHarness.Node, Sized("negative", memoryMb: -700000), Sized("big", memoryMb: 700000));
        using var h = Big(source);

        var tracker = await h.AuditedTracker();

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(Reserved + 700000);
        h.Messages.Should().Contain(m => m.Contains("negative", StringComparison.Ordinal) && m.Contains("MemoryMb must not be negative: -700000", StringComparison.Ordinal));
        var claim = () => tracker.ClaimAsync(Sized("c", memoryMb: 790000)).AsTask();
        await claim.Should().ThrowAsync<ComputeResourcesUnavailableException>();
    }

    [Fact]
    public async Task Audit_TwoSourceInstancesOfIntMaxValueVcpusNullEntryAndNullUuid_AuditsAndTracksTheRest()
    {
        var source = new TestInstanceSource();
        source.Set(
            TrackerHarness.Node,
            Sized("huge-1", vcpus: int.MaxValue),
            Sized("huge-2", vcpus: int.MaxValue),
            null!,
            Sized(null!, memoryMb: 1),
            Sized(string.Empty, memoryMb: 1),
            Sized("good", memoryMb: 2000));
        using var h = Big(source);

        var tracker = await h.AuditedTracker();

        var node = tracker.ComputeNode!;
        node.VcpusUsed.Should().Be(int.MaxValue, "the record's vCPUs saturate instead of failing every audit");
        node.MemoryMbUsed.Should().Be(Reserved + 2000);
        h.Messages.Count(m => m.Contains("is not counted on node", StringComparison.Ordinal)).Should().Be(3);
        h.Messages.Should().Contain(m => m.Contains("is null", StringComparison.Ordinal));
        h.Messages.Should().Contain(m => m.Contains("has no UUID", StringComparison.Ordinal));
        var claim = () => tracker.ClaimAsync(Sized("one", vcpus: 1)).AsTask();
        await claim.Should().ThrowAsync<ComputeResourcesUnavailableException>();
    }

    [Fact]
    public async Task Audit_LedgerRowOutOfRange_IsSkippedAndLogged()
    {
        using var h = Big();
        await h.Ledger.AddAsync("compute-1", TrackerHarness.Node, Sized("ledger-poison", rootGb: long.MaxValue));
        await h.Ledger.AddAsync("compute-1", TrackerHarness.Node, Sized("ledger-good", rootGb: 10));

        var tracker = await h.AuditedTracker();

        tracker.ComputeNode!.LocalGbUsed.Should().Be(10);
        h.Messages.Should().Contain(m => m.Contains("ledger-poison", StringComparison.Ordinal) && m.Contains("instance ledger", StringComparison.Ordinal) && m.Contains("RootGb", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, long.MaxValue, 1, 0, "RootGb")]
    [InlineData(0, 1, long.MaxValue, 0, "EphemeralGb")]
    [InlineData(0, 0, 0, long.MaxValue, "SwapMb")]
    [InlineData(long.MaxValue, 0, 0, 0, "MemoryMb")]
    [InlineData(InstanceRequest.MaxSize + 1, 0, 0, 0, "MemoryMb")]
    public async Task ClaimAsync_SizeAboveMaxSize_IsRefusedNamingTheFieldAndTheNodeStillFillsExactly(long memoryMb, long rootGb, long ephemeralGb, long swapMb, string field)
    {
        using var h = Big();
        var tracker = await h.AuditedTracker();

        var hostile = () => tracker.ClaimAsync(Sized("hostile", memoryMb: memoryMb, rootGb: rootGb, ephemeralGb: ephemeralGb, swapMb: swapMb)).AsTask();

        (await hostile.Should().ThrowAsync<ArgumentException>()).WithMessage($"*{field} must not be above 2147483647*");
        tracker.ComputeNode!.LocalGbUsed.Should().Be(0);
        await tracker.ClaimAsync(Sized("disk-1", rootGb: 500000));
        var second = () => tracker.ClaimAsync(Sized("disk-2", rootGb: 500000)).AsTask();
        await second.Should().ThrowAsync<ComputeResourcesUnavailableException>();
    }

    [Fact]
    public async Task ClaimAsync_NegativeVcpus_IsRefused()
    {
        using var h = Big();
        var tracker = await h.AuditedTracker();

        var hostile = () => tracker.ClaimAsync(Sized("negative", vcpus: -5)).AsTask();

        (await hostile.Should().ThrowAsync<ArgumentException>()).WithMessage("*Vcpus must not be negative: -5*");
    }

    [Fact]
    public async Task ClaimAsync_VcpusThatWouldPassIntMaxValueUnderAnInfiniteLimit_IsRefusedNotOverflowed()
    {
        using var h = Big();
        var tracker = await h.AuditedTracker();
        var unlimited = new ClaimLimits { Vcpus = double.PositiveInfinity };
        await tracker.ClaimAsync(Sized("first", vcpus: int.MaxValue), unlimited);

        var second = () => tracker.ClaimAsync(Sized("second", vcpus: 1), unlimited).AsTask();

        await second.Should().ThrowAsync<ComputeResourcesUnavailableException>();
        tracker.ComputeNode!.VcpusUsed.Should().Be(int.MaxValue);
    }

    [Fact]
    public async Task ClaimAsync_NodeWithoutVcpuLimitAndVcpusThatWouldPassIntMaxValue_IsRefusedNotOverflowed()
    {
        using var h = Big();
        h.SetTotals(0, 800000, 600000);
        var tracker = await h.AuditedTracker();
        await tracker.ClaimAsync(Sized("first", vcpus: int.MaxValue));

        var second = () => tracker.ClaimAsync(Sized("second", vcpus: 1)).AsTask();

        await second.Should().ThrowAsync<ComputeResourcesUnavailableException>();
        tracker.ComputeNode!.VcpusUsed.Should().Be(int.MaxValue);
    }

    [Fact]
    public async Task Audit_ReservedHostCpusIntMaxValueWithOneInstance_AuditsAndRefusesVcpuClaims()
    {
        using var h = Big();
        h.Options.ReservedHostCpus = int.MaxValue;
        var tracker = await h.AuditedTracker();
        await tracker.ClaimAsync(Sized("one", vcpus: 0), new ClaimLimits { Vcpus = double.PositiveInfinity });

        await tracker.UpdateAvailableResourceAsync();

        tracker.ComputeNode!.VcpusUsed.Should().Be(int.MaxValue);
        var claim = () => tracker.ClaimAsync(Sized("two", vcpus: 1)).AsTask();
        await claim.Should().ThrowAsync<ComputeResourcesUnavailableException>();
    }
}
