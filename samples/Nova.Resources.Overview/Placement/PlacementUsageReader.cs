using System.Collections.Concurrent;
using System.Net;
using Nova.Resources.Placement;

namespace Nova.Resources.Overview.Placement;

/// <summary>Reads every provider's usages through <see cref="PlacementClient"/>, a few requests at a time.</summary>
internal sealed class PlacementUsageReader(PlacementClient client) : IPlacementUsageReader
{
    /// <summary>How many usage requests run at once: enough to hide latency, few enough not to crowd Placement.</summary>
    internal const int MaxConcurrentRequests = 8;

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, long>>> ReadAsync(
        IReadOnlyCollection<Guid> providers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var result = new ConcurrentDictionary<Guid, IReadOnlyDictionary<string, long>>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentRequests, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(providers, parallel, async (uuid, ct) =>
        {
            try
            {
                result[uuid] = (await client.GetUsagesAsync(uuid, ct).ConfigureAwait(false)).Usages;
            }
            catch (PlacementException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                // A record whose agent has not reported it to Placement yet: nothing is allocated there.
            }
        }).ConfigureAwait(false);
        return result;
    }
}
