using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Reliability;

/// <summary>Claim requests no node can take: huge, negative or overflowing sizes, each of which must be refused where it enters.</summary>
internal static class HostileRequests
{
    private static readonly long[] Sizes = [long.MaxValue, -1, InstanceRequest.MaxSize + 1, long.MinValue];

    public static InstanceRequest Next(Random random, string uuid)
    {
        long size = Sizes[random.Next(Sizes.Length)];
        return random.Next(5) switch
        {
            0 => new InstanceRequest { Uuid = uuid, MemoryMb = size },
            1 => new InstanceRequest { Uuid = uuid, RootGb = size, EphemeralGb = 1 },
            2 => new InstanceRequest { Uuid = uuid, EphemeralGb = size },
            3 => new InstanceRequest { Uuid = uuid, SwapMb = size },
            _ => new InstanceRequest { Uuid = uuid, Vcpus = size < 0 ? -1 : 1, MemoryMb = size > 0 ? size : 1 },
        };
    }

    /// <summary>Claims <paramref name="request"/>; <see langword="true"/> when it is refused as an invalid argument.</summary>
    public static async Task<bool> IsRefusedAsync(ResourceTracker tracker, InstanceRequest request)
    {
        try
        {
            await tracker.ClaimAsync(request);
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
