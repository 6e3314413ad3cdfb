using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed partial class ResourceClaimTests : IDisposable
{
    private const string Node = TrackerHarness.Node;
    private readonly TrackerHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ClaimAsync_Fits_CountsTheUsageAtOnceAndSavesIt()
    {
        var tracker = await _h.AuditedTracker();

        await using var claim = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", vcpus: 2, memoryMb: 2048, rootGb: 20, ephemeralGb: 5, swapMb: 1024));

        var node = tracker.ComputeNode!;
        node.VcpusUsed.Should().Be(2);
        node.MemoryMbUsed.Should().Be(512 + 2048);
        node.FreeRamMb.Should().Be(800000 - 2560);
        node.LocalGbUsed.Should().Be(26);
        node.FreeDiskGb.Should().Be(600000 - 26);
        node.RunningVms.Should().Be(1);
        node.Stats["num_instances"].Should().Be(1);
        node.UpdatedAt.Should().Be(_h.Time.GetUtcNow());
        (await _h.Store.GetByHostAsync("compute")).Single().Should().Be(node);
        claim.NodeName.Should().Be(Node);
        claim.Request.Uuid.Should().Be("i-1");
        _h.Messages.Should().ContainInOrder(
            "Attempting claim on node fake-mini: memory 2048 MB, disk 25 GB, vcpus 2 CPU",
            "Total memory: 800000 MB, used: 512.00 MB",
            "memory limit: 800000.00 MB, free: 799488.00 MB",
            "Total disk: 600000 GB, used: 0.00 GB",
            "disk limit: 600000.00 GB, free: 600000.00 GB",
            "Total vcpu: 1000 VCPU, used: 0.00 VCPU",
            "vcpu limit: 4000.00 VCPU, free: 4000.00 VCPU",
            "Claim successful on node fake-mini");
        claim.Commit();
    }

    [Fact]
    public async Task ClaimAsync_NotEnoughMemory_ThrowsNovasMessage()
    {
        // 1536 MB with 512 reserved leaves 1024 MB, as in Nova's own claim tests.
        _h.SetTotals(vcpus: 8, memoryMb: 1536, localGb: 100);
        var tracker = await _h.AuditedTracker();

        var claim = async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 2048));

        var thrown = await claim.Should().ThrowAsync<ComputeResourcesUnavailableException>();
        thrown.WithMessage("Insufficient compute resources: Free memory 1024.00 MB < requested 2048 MB.");
        thrown.Which.Reasons.Should().Equal("Free memory 1024.00 MB < requested 2048 MB");
        _h.Messages.Should().Contain("Failed to claim: Free memory 1024.00 MB < requested 2048 MB");
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);
        _h.Store.Updates.Should().Be(0);
    }

    [Fact]
    public async Task ClaimAsync_EverythingShort_JoinsTheReasonsInNovasOrder()
    {
        _h.SetTotals(vcpus: 2, memoryMb: 1536, localGb: 10);
        _h.Options.CpuAllocationRatio = 1.0;
        var tracker = await _h.AuditedTracker();

        var claim = async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-1", vcpus: 3, memoryMb: 2048, rootGb: 8, ephemeralGb: 4));

        (await claim.Should().ThrowAsync<ComputeResourcesUnavailableException>()).WithMessage(
            "Insufficient compute resources: Free memory 1024.00 MB < requested 2048 MB; "
            + "Free disk 10.00 GB < requested 12 GB; Free vcpu 2.00 VCPU < requested 3 VCPU.");
    }

    [Fact]
    public async Task ClaimAsync_DefaultLimits_AreTotalsTimesTheAllocationRatios()
    {
        _h.SetTotals(vcpus: 4, memoryMb: 4096, localGb: 100);
        _h.Options.RamAllocationRatio = 1.5;
        _h.Options.DiskAllocationRatio = 2.0;
        var tracker = await _h.AuditedTracker();

        // vCPU limit 4 x 4.0 = 16; memory 4096 x 1.5 = 6144 (512 used); disk 100 x 2 = 200.
        await using var fits = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", vcpus: 16, memoryMb: 5632, rootGb: 200));
        fits.Commit();

        var more = async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-2", vcpus: 1, memoryMb: 0, rootGb: 0));
        (await more.Should().ThrowAsync<ComputeResourcesUnavailableException>())
            .WithMessage("Insufficient compute resources: Free vcpu 0.00 VCPU < requested 1 VCPU.");
    }

    [Fact]
    public async Task ClaimAsync_ExplicitLimits_OverrideTheDefaults()
    {
        var tracker = await _h.AuditedTracker();

        var claim = async () => await tracker.ClaimAsync(
            TrackerHarness.Instance("i-1", vcpus: 3, memoryMb: 1024, rootGb: 1),
            new ClaimLimits { MemoryMb = 1000.5, Vcpus = 2 });

        (await claim.Should().ThrowAsync<ComputeResourcesUnavailableException>()).WithMessage(
            "Insufficient compute resources: Free memory 488.50 MB < requested 1024 MB; Free vcpu 2.00 VCPU < requested 3 VCPU.");
    }

    [Fact]
    public async Task ClaimAsync_InfiniteLimit_NeverRefuses()
    {
        _h.SetTotals(vcpus: 1, memoryMb: 1024, localGb: 1);
        var tracker = await _h.AuditedTracker();

        await using var claim = await tracker.ClaimAsync(
            TrackerHarness.Instance("i-1", vcpus: 64, memoryMb: 1 << 20, rootGb: 1000),
            new ClaimLimits { MemoryMb = double.PositiveInfinity, DiskGb = double.PositiveInfinity, Vcpus = double.PositiveInfinity });

        tracker.ComputeNode!.VcpusUsed.Should().Be(64);
        claim.Commit();
    }

    [Fact]
    public async Task ClaimAsync_BeforeTheFirstAudit_ThrowsNovasUnknownNodeMessage()
    {
        var tracker = _h.CreateTracker();

        var claim = async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-1"));

        (await claim.Should().ThrowAsync<ComputeResourcesUnavailableException>())
            .WithMessage("Attempt to claim resources for instance i-1 on unknown node fake-mini failed");
    }

    [Fact]
    public async Task ClaimAsync_SameInstanceTwice_Throws()
    {
        var tracker = await _h.AuditedTracker();
        await using var first = await tracker.ClaimAsync(TrackerHarness.Instance("i-1"));
        first.Commit();

        var again = async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-1"));

        await again.Should().ThrowAsync<InvalidOperationException>().WithMessage("Instance i-1 is already tracked on node fake-mini.");
    }

    [Fact]
    public async Task ClaimAsync_InstanceFromTheSource_IsAlreadyTracked()
    {
        var source = new TestInstanceSource();
        source.Set(Node, TrackerHarness.Instance("i-1"));
        _h.InstanceSource = source;
        var tracker = await _h.AuditedTracker();

        var again = async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-1"));

        await again.Should().ThrowAsync<InvalidOperationException>();
    }

    [Theory]
    [InlineData("", 1, 1, 1, 1, 1)]
    [InlineData("i", -1, 1, 1, 1, 1)]
    [InlineData("i", 1, -1, 1, 1, 1)]
    [InlineData("i", 1, 1, -1, 1, 1)]
    [InlineData("i", 1, 1, 1, -1, 1)]
    [InlineData("i", 1, 1, 1, 1, -1)]
    public async Task ClaimAsync_BadRequest_ThrowsArgumentExceptionAndChangesNothing(string uuid, int vcpus, long memoryMb, long rootGb, long ephemeralGb, long swapMb)
    {
        var tracker = await _h.AuditedTracker();
        var before = tracker.ComputeNode;

        var claim = async () => await tracker.ClaimAsync(new InstanceRequest
        {
            Uuid = uuid, Vcpus = vcpus, MemoryMb = memoryMb, RootGb = rootGb, EphemeralGb = ephemeralGb, SwapMb = swapMb,
        });

        await claim.Should().ThrowAsync<ArgumentException>();
        tracker.ComputeNode.Should().BeSameAs(before);
    }

    [Fact]
    public async Task ClaimAsync_SaveFails_ChangesNothingAndTheSameInstanceCanBeClaimedAgain()
    {
        var tracker = await _h.AuditedTracker();
        var before = tracker.ComputeNode;
        _h.Store.FailNextUpdate(new IOException("database is down"));

        var claim = async () => await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024));

        await claim.Should().ThrowAsync<IOException>();
        tracker.ComputeNode.Should().BeSameAs(before);
        await tracker.UpdateAvailableResourceAsync();
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512);

        await using var retry = await tracker.ClaimAsync(TrackerHarness.Instance("i-1", memoryMb: 1024));
        tracker.ComputeNode!.MemoryMbUsed.Should().Be(1536);
        retry.Commit();
    }

}
