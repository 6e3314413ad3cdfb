using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class InventoryTests
{
    [Fact]
    public void Build_Defaults_AreNovasClassesWithReservedDiskRoundedUp()
    {
        var inventory = Inventory.Build(8, 4096, 100, new ComputeResourceOptions { ReservedHostDiskMb = 1025, CpuDedicatedSet = "4-5" }, existing: null);

        inventory.Should().BeEquivalentTo(new Dictionary<string, InventoryRecord>
        {
            ["VCPU"] = new(8, 0, 1, 8, 1, 4.0),
            ["PCPU"] = new(2, 0, 1, 2, 1, 1.0),
            ["MEMORY_MB"] = new(4096, 512, 1, 4096, 1, 1.0),
            ["DISK_GB"] = new(100, 2, 1, 100, 1, 1.0),
        });
    }

    [Fact]
    public void Build_NothingChanged_ReturnsTheSameDictionary()
    {
        var options = new ComputeResourceOptions();
        var first = Inventory.Build(8, 4096, 100, options, existing: null);

        Inventory.Build(8, 4096, 100, options, first).Should().BeSameAs(first);
        Inventory.Build(8, 4096, 101, options, first).Should().NotBeSameAs(first);
    }

    [Fact]
    public void Ratio_UnsetOrZero_KeepsTheInventorysRatioElseTheInitialOne()
    {
        var existing = Inventory.Build(8, 4096, 100, new ComputeResourceOptions { CpuAllocationRatio = 3.0 }, existing: null);

        Inventory.Ratio(null, existing, ResourceClasses.Vcpu, 4.0).Should().Be(3.0);
        Inventory.Ratio(0, existing, ResourceClasses.Vcpu, 4.0).Should().Be(3.0);
        Inventory.Ratio(null, null, ResourceClasses.Vcpu, 4.0).Should().Be(4.0);
        Inventory.Ratio(2.0, existing, ResourceClasses.Vcpu, 4.0).Should().Be(2.0);
    }
}
