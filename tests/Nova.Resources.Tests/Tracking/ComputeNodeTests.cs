using Nova.Resources.Compute;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class ComputeNodeTests
{
    private static ComputeNode Sample() => new()
    {
        Host = "compute",
        HypervisorHostname = "node1",
        Vcpus = 8,
        MemoryMb = 4096,
        SupportedInstances = [new SupportedInstance("x86_64", "kvm", "hvm")],
        Stats = new Dictionary<string, long> { ["num_instances"] = 1 },
        Inventory = new Dictionary<string, InventoryRecord> { [ResourceClasses.Vcpu] = new(8, 0, 1, 8, 1, 4.0) },
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void FreeRamMbAndFreeDiskGb_FollowTotalsAndUsage_AndMayBeNegative()
    {
        var node = Sample() with { MemoryMbUsed = 1024, LocalGb = 100, LocalGbUsed = 40 };
        var overCommitted = node with { MemoryMbUsed = 5120, LocalGbUsed = 120 };

        (node.FreeRamMb, node.FreeDiskGb).Should().Be((3072L, 60L));
        (overCommitted.FreeRamMb, overCommitted.FreeDiskGb).Should().Be((-1024L, -20L));
    }

    [Fact]
    public void Equals_OnlyUpdatedAtDiffers_IsTrue()
    {
        var a = Sample();
        var b = a with { UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(1) };

        a.Equals(b).Should().BeTrue();
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Fact]
    public void Equals_CollectionsWithTheSameContent_IsTrue()
    {
        var a = Sample();
        var b = Sample();

        a.Should().NotBeSameAs(b);
        a.Equals(b).Should().BeTrue();
    }

    [Fact]
    public void Equals_StatsDiffer_IsFalse()
    {
        var a = Sample();
        var b = a with { Stats = new Dictionary<string, long> { ["num_instances"] = 2 } };

        a.Equals(b).Should().BeFalse();
    }

    [Fact]
    public void Equals_InventoryRatioDiffers_IsFalse()
    {
        var a = Sample();
        var b = a with { Inventory = new Dictionary<string, InventoryRecord> { [ResourceClasses.Vcpu] = new(8, 0, 1, 8, 1, 16.0) } };

        a.Equals(b).Should().BeFalse();
    }

    [Fact]
    public void Equals_UsageDiffers_IsFalse()
    {
        var a = Sample();

        a.Equals(a with { MemoryMbUsed = 1 }).Should().BeFalse();
        a.Equals(a with { CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(1) }).Should().BeFalse();
        a.Equals(null).Should().BeFalse();
    }

    [Fact]
    public void Init_MutableCollections_AreCopied()
    {
        var stats = new Dictionary<string, long> { ["num_instances"] = 1 };
        var supported = new List<SupportedInstance> { new("x86_64", "kvm", "hvm") };
        var node = Sample() with { Stats = stats, SupportedInstances = supported };

        stats["num_instances"] = 5;
        supported.Clear();

        node.Stats["num_instances"].Should().Be(1);
        node.SupportedInstances.Should().HaveCount(1);
    }

    [Fact]
    public void Init_NullCollection_Throws()
    {
        var act = () => Sample() with { Stats = null! };

        act.Should().Throw<ArgumentNullException>();
    }
}
