using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Nova.Resources.Overview.Placement;

/// <summary>Reads <c>GET /resource_providers/{uuid}/usages</c> (microversion 1.9) for every provider, a few at a time.</summary>
internal sealed class PlacementUsageReader(HttpClient http, IOptions<PlacementUsageOptions> options) : IPlacementUsageReader
{
    private readonly PlacementUsageOptions _options = options.Value;

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, long>>> ReadAsync(
        IReadOnlyCollection<Guid> providers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var result = new ConcurrentDictionary<Guid, IReadOnlyDictionary<string, long>>();
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrentRequests),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(providers, parallel, async (uuid, ct) =>
        {
            if (await ReadOneAsync(uuid, ct).ConfigureAwait(false) is { } usages)
            {
                result[uuid] = usages;
            }
        }).ConfigureAwait(false);
        return result;
    }

    private async Task<IReadOnlyDictionary<string, long>?> ReadOneAsync(Guid uuid, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"resource_providers/{uuid:D}/usages", UriKind.Relative));
        request.Headers.Add("OpenStack-API-Version", "placement 1.9");
        if (!string.IsNullOrEmpty(_options.Token))
        {
            request.Headers.Add("X-Auth-Token", _options.Token);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(
                $"Placement answered {(int)response.StatusCode} to GET /resource_providers/{uuid:D}/usages: {body}",
                inner: null,
                response.StatusCode);
        }

        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var usages = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var usage in document.RootElement.GetProperty("usages").EnumerateObject())
        {
            usages[usage.Name] = usage.Value.GetInt64();
        }

        return usages;
    }
}
