using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests.Tracking;

/// <summary>ResourceTracker.Usage: where the record's used figures come from, beside the hypervisor's own view.</summary>
public sealed class ResourceTrackerUsageTests : IDisposable
{
    private readonly TrackerHarness _h = new();
    private readonly TestInstanceSource _source = new();

    public ResourceTrackerUsageTests()
    {
        _h.InstanceSource = _source;
        _h.Options.ReservedHostMemoryMb = 512;
        _h.Options.ReservedHostDiskMb = 2048;
        _h.Options.ReservedHostCpus = 1;
        _h.Driver.SetResources(TrackerHarness.Node, FakeComputeDriver.CreateResources(TrackerHarness.Node) with
        {
            MemoryMbUsed = 3500,
            LocalGbUsed = 40,
            VcpusUsed = 3,
        });
        _source.Set(TrackerHarness.Node, TrackerHarness.Instance("tracked", vcpus: 2, memoryMb: 1024, rootGb: 10));
        _h.Driver.SetInstanceUsage(
            TrackerHarness.Node,
            new InstanceUsage("tracked", "tracked", 2, 1024),
            new InstanceUsage("orphan", "orphan", 1, 2048));
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Usage_BeforeAnyAudit_IsNull()
    {
        _h.CreateTracker().Usage.Should().BeNull();
    }

    [Fact]
    public async Task Usage_AfterAnAudit_SplitsUsedIntoReservedInstancesAndOrphansBesideTheHypervisorsView()
    {
        var tracker = await _h.AuditedTracker();

        var usage = tracker.Usage!;
        var node = tracker.ComputeNode!;
        usage.MemoryMb.Should().BeEquivalentTo(new { Reserved = 512L, Instances = 1024L, Orphans = 2048L, Total = node.MemoryMbUsed, Hypervisor = (long?)3500 });
        usage.LocalGb.Should().BeEquivalentTo(new { Reserved = 2L, Instances = 10L, Orphans = 0L, Total = node.LocalGbUsed, Hypervisor = (long?)40 });
        usage.Vcpus.Should().BeEquivalentTo(new { Reserved = 1L, Instances = 2L, Orphans = 0L, Total = (long)node.VcpusUsed, Hypervisor = (long?)3 });
        usage.OrphanInstances.Should().Be(1);
        node.MemoryMbUsed.Should().Be(512 + 1024 + 2048);
    }

    [Fact]
    public async Task Usage_AfterAClaim_CountsTheClaimAmongTheInstances()
    {
        var tracker = await _h.AuditedTracker();

        await using var claim = await tracker.ClaimAsync(TrackerHarness.Instance("new", vcpus: 4, memoryMb: 256, rootGb: 5));

        tracker.Usage!.MemoryMb.Instances.Should().Be(1024 + 256);
        tracker.Usage.MemoryMb.Total.Should().Be(tracker.ComputeNode!.MemoryMbUsed);
        tracker.Usage.Vcpus.Instances.Should().Be(2 + 4);
    }

    [Fact]
    public async Task Usage_TrackingDisabled_IsNull()
    {
        var tracker = await _h.AuditedTracker();
        _h.Driver.SetResources(TrackerHarness.Node, null);

        await tracker.UpdateAvailableResourceAsync();

        tracker.Usage.Should().BeNull();
    }
}
