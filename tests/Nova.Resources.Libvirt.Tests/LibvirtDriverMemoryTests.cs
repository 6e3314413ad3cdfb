namespace Nova.Resources.Libvirt.Tests;

public sealed class LibvirtDriverMemoryTests
{
    [Fact]
    public void MemoryMbUsed_SourcesAgree_IsNovasDifference()
    {
        // memory_mb 8192; free 4096 MiB + buffers 512 MiB + cached 1024 MiB (+ 1 KiB, truncated as Nova's // does).
        var stats = new NodeMemory(8192 * 1024, (4096 * 1024) + 1, 512 * 1024, 1024 * 1024);

        LibvirtDriver.MemoryMbUsed(8192, stats).Should().Be(8192 - 5632);
    }

    [Fact]
    public void MemoryMbUsed_NodeInfoBelowMemTotal_StaysWithinZeroAndMemoryMb()
    {
        // Regression (found by the qemu:///session end-to-end test in this VM): nodeinfo said 5 465 MiB (NUMA sysfs),
        // /proc/meminfo 24 105 MiB total with 22 459 MiB free + buffers + cached; Nova's formula gave -16 994, which
        // HostResources.Verify rejects ("Negative values"), so every audit failed.
        var stats = new NodeMemory(24_105L * 1024, 21_000L * 1024, 459L * 1024, 1_000L * 1024);

        long used = LibvirtDriver.MemoryMbUsed(5_465, stats);

        used.Should().Be(24_105 - 22_459);
        used.Should().BeInRange(0, 5_465);
    }

    [Fact]
    public void MemoryMbUsed_StatsTotalAboveMemoryMbAndMostlyUsed_IsCappedAtMemoryMb()
    {
        // Nova's difference: 5 465 - 6 000 < 0; of the stats' own total 24 105 - 6 000 = 18 105 > memory_mb.
        var stats = new NodeMemory(24_105L * 1024, 6_000L * 1024, 0, 0);

        LibvirtDriver.MemoryMbUsed(5_465, stats).Should().Be(5_465);
    }

    [Fact]
    public void MemoryMbUsed_GarbageStats_NeverNegative()
    {
        LibvirtDriver.MemoryMbUsed(1024, new NodeMemory(0, ulong.MaxValue / 4, ulong.MaxValue / 4, 0)).Should().Be(0);
        LibvirtDriver.MemoryMbUsed(0, new NodeMemory(0, 0, 0, 0)).Should().Be(0);
    }
}
