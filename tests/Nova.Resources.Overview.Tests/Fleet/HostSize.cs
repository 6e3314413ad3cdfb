namespace Nova.Resources.Overview.Tests.Fleet;

/// <summary>A simulated host's size; the fleet's hosts cycle through four CPU counts, four memory sizes and three disks.</summary>
internal sealed record HostSize(string Host, int Vcpus, long MemoryMb, long LocalGb)
{
    private static readonly int[] CpuChoices = [8, 16, 32, 64];
    private static readonly long[] MemoryChoices = [32768, 65536, 131072, 262144];
    private static readonly long[] DiskChoices = [500, 1000, 2000];

    public static HostSize Of(int index) => new(
        $"fleet-{index:D4}",
        CpuChoices[index % 4],
        MemoryChoices[(index / 4) % 4],
        DiskChoices[(index / 16) % 3]);
}
