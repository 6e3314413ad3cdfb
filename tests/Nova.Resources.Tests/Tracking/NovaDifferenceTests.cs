using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>
/// Where running Nova's own ResourceTracker side by side showed a difference that we close: a node reporting 0 vCPUs.
/// (The other, the first record's allocation ratios, we keep: ResourceTrackerTests.UpdateAvailableResourceAsync_RatiosSet_AreUsed.)
/// </summary>
public sealed class NovaDifferenceTests : IDisposable
{
    private readonly TrackerHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ClaimAsync_NodeReportsZeroVcpus_TestsMemoryAndDiskOnlyAsNova()
    {
        _h.SetTotals(vcpus: 0, memoryMb: 4096, localGb: 100);
        var tracker = await _h.AuditedTracker();

        await using var claim = await tracker.ClaimAsync(TrackerHarness.Instance("vm-1", vcpus: 8, memoryMb: 1024, rootGb: 10));

        tracker.ComputeNode!.VcpusUsed.Should().Be(8);
        _h.Messages.Should().Contain("vcpu limit not specified, defaulting to unlimited");
    }

    [Fact]
    public async Task ClaimAsync_NodeReportsZeroVcpus_StillRefusesWhatMemoryCannotTake()
    {
        _h.SetTotals(vcpus: 0, memoryMb: 1024, localGb: 100);
        var tracker = await _h.AuditedTracker();

        var act = async () => await tracker.ClaimAsync(TrackerHarness.Instance("vm-1", vcpus: 2, memoryMb: 1024));

        (await act.Should().ThrowAsync<ComputeResourcesUnavailableException>()).Which.Reasons.Should().Equal(
            "Free memory 512.00 MB < requested 1024 MB");
    }

    [Fact]
    public async Task ClaimAsync_NodeReportsZeroVcpusWithAnExplicitLimit_TestsTheLimit()
    {
        _h.SetTotals(vcpus: 0, memoryMb: 4096, localGb: 100);
        var tracker = await _h.AuditedTracker();

        var act = async () => await tracker.ClaimAsync(TrackerHarness.Instance("vm-1", vcpus: 2), new ClaimLimits { Vcpus = 1 });

        (await act.Should().ThrowAsync<ComputeResourcesUnavailableException>()).Which.Reasons.Should().Equal(
            "Free vcpu 1.00 VCPU < requested 2 VCPU");
    }
}
