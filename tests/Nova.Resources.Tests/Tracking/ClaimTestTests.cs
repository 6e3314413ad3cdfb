using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class ClaimTestTests
{
    private static readonly ComputeNode Node = new()
    {
        Host = "h",
        HypervisorHostname = "n",
        Vcpus = 4,
        VcpusUsed = 1,
        MemoryMb = 2048,
        MemoryMbUsed = 512,
        LocalGb = 100,
        LocalGbUsed = 10,
        CpuAllocationRatio = 2.0,
        RamAllocationRatio = 1.0,
        DiskAllocationRatio = 1.0,
    };

    [Fact]
    public void Test_Fits_EveryCheckFitsInNovasOrder()
    {
        var checks = ClaimTest.Test(Node, TrackerHarness.Instance("i", vcpus: 7, memoryMb: 1536, rootGb: 80, ephemeralGb: 10), limits: null);

        checks.Select(c => (c.Type, c.Unit, c.Total, c.Used, c.Requested, c.Limit, c.Free)).Should().Equal(
            ("memory", "MB", 2048L, 512L, 1536L, 2048.0, 1536.0),
            ("disk", "GB", 100L, 10L, 90L, 100.0, 90.0),
            ("vcpu", "VCPU", 4L, 1L, 7L, 8.0, 7.0));
        ClaimTest.Reasons(checks).Should().BeNull();
    }

    [Fact]
    public void Reasons_TooBig_NamesEveryShortResourceWithNovasText()
    {
        var checks = ClaimTest.Test(Node, TrackerHarness.Instance("i", vcpus: 8, memoryMb: 1537, rootGb: 91), limits: null);

        ClaimTest.Reasons(checks).Should().Equal(
            "Free memory 1536.00 MB < requested 1537 MB",
            "Free disk 90.00 GB < requested 91 GB",
            "Free vcpu 7.00 VCPU < requested 8 VCPU");
    }

    [Fact]
    public void Test_ExplicitLimits_ReplaceTheRatios()
    {
        var checks = ClaimTest.Test(Node, TrackerHarness.Instance("i", memoryMb: 600, rootGb: 0), new ClaimLimits { MemoryMb = 1000 });

        checks[0].Limit.Should().Be(1000);
        ClaimTest.Reasons(checks).Should().Equal("Free memory 488.00 MB < requested 600 MB");
    }

    [Fact]
    public void Validate_NegativeSwap_NamesTheField()
        => FluentActions.Invoking(() => ClaimTest.Validate(TrackerHarness.Instance("i", swapMb: -1)))
            .Should().Throw<ArgumentException>().WithMessage("The instance request's SwapMb must not be negative: -1.*");
}
