using System.Collections.Concurrent;

namespace Nova.Resources.Compute;

/// <summary>
/// Caches each node's last <see cref="HostResources"/> and reads the driver again only when asked to
/// refresh or when it has nothing yet (Nova's libvirt <c>HostState.get_host_stats</c>).
/// </summary>
public sealed class HostState
{
    private readonly IComputeDriver _driver;
    private readonly ConcurrentDictionary<string, HostResources?> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the cache over a driver.</summary>
    /// <param name="driver">The compute driver.</param>
    public HostState(IComputeDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        _driver = driver;
    }

    /// <summary>Returns a node's resources, from the cache unless <paramref name="refresh"/> is set or nothing is cached.</summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="refresh">Read the driver even when a value is cached.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The resources, or <see langword="null"/> when the driver does not support resource tracking.</returns>
    public async ValueTask<HostResources?> GetHostStatsAsync(string nodeName, bool refresh = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        if (!refresh && _cache.TryGetValue(nodeName, out var cached))
        {
            return cached;
        }

        var fresh = await _driver.GetAvailableResourceAsync(nodeName, cancellationToken).ConfigureAwait(false);
        _cache[nodeName] = fresh;
        return fresh;
    }
}
