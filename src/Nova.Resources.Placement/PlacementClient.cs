using System.Globalization;
using System.Net;
using Nova.Resources.Placement.Http;
using Nova.Resources.Tracking;

namespace Nova.Resources.Placement;

/// <summary>
/// A client of OpenStack Placement for schedulers and overviews: resource providers and what they hold, allocation
/// candidates, claims and their release. Resolve it from the container (<c>services.AddPlacementClient(...)</c>); it is
/// a typed <see cref="HttpClient"/> client, registered as transient: resolve one per unit of work rather than keeping it.
/// </summary>
/// <remarks>
/// Every call sends the microversion Nova sends for it. A refusal throws a <see cref="PlacementException"/> with
/// Placement's status, code and detail (<see cref="PlacementCapacityExceededException"/> and
/// <see cref="PlacementConsumerConflictException"/> for the two conflicts of a claim); a Placement that cannot be
/// reached, after the configured retries, throws <see cref="PlacementUnavailableException"/>. Thread-safe.
/// </remarks>
public sealed partial class PlacementClient
{
    private readonly PlacementHttp _http;

    internal PlacementClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _http = new PlacementHttp(client);
    }

    /// <summary>Returns a resource provider (<c>GET /resource_providers/{uuid}</c>), or <see langword="null"/> when Placement has none with that UUID.</summary>
    /// <param name="uuid">The provider's UUID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The provider, or <see langword="null"/>.</returns>
    /// <exception cref="PlacementException">Placement refused the request or could not be reached.</exception>
    public async Task<ResourceProvider?> GetResourceProviderAsync(Guid uuid, CancellationToken cancellationToken = default)
    {
        var dto = await _http.GetOrNullAsync(ProviderPath(uuid), Microversions.NestedProviders, PlacementHttp.Contracts.ProviderDto, cancellationToken).ConfigureAwait(false);
        return dto is null ? null : new ResourceProvider(dto.Uuid, dto.Name, dto.Generation);
    }

    /// <summary>Returns every resource provider (<c>GET /resource_providers</c>), or those with a name.</summary>
    /// <param name="name">Only the provider with this name; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The providers.</returns>
    /// <exception cref="PlacementException">Placement refused the request or could not be reached.</exception>
    public async Task<IReadOnlyList<ResourceProvider>> GetResourceProvidersAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        string path = name is null ? "resource_providers" : "resource_providers?name=" + Uri.EscapeDataString(name);
        var list = await _http.GetAsync(path, Microversions.NestedProviders, PlacementHttp.Contracts.ProviderListDto, cancellationToken).ConfigureAwait(false);
        return [.. list.ResourceProviders.Select(static p => new ResourceProvider(p.Uuid, p.Name, p.Generation))];
    }

    /// <summary>Returns a provider's inventory (<c>GET /resource_providers/{uuid}/inventories</c>).</summary>
    /// <param name="uuid">The provider's UUID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The inventory and the provider's generation.</returns>
    /// <exception cref="PlacementException">Placement refused the request (404: no such provider) or could not be reached.</exception>
    public async Task<ProviderInventories> GetInventoriesAsync(Guid uuid, CancellationToken cancellationToken = default)
    {
        var dto = await _http.GetAsync(ProviderPath(uuid) + "/inventories", null, PlacementHttp.Contracts.InventoriesDto, cancellationToken).ConfigureAwait(false);
        return new ProviderInventories(dto.ResourceProviderGeneration, ToRecords(dto.Inventories));
    }

    /// <summary>Returns a provider's traits (<c>GET /resource_providers/{uuid}/traits</c>).</summary>
    /// <param name="uuid">The provider's UUID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The traits and the provider's generation.</returns>
    /// <exception cref="PlacementException">Placement refused the request (404: no such provider) or could not be reached.</exception>
    public async Task<ProviderTraits> GetTraitsAsync(Guid uuid, CancellationToken cancellationToken = default)
    {
        var dto = await _http.GetAsync(ProviderPath(uuid) + "/traits", Microversions.Traits, PlacementHttp.Contracts.ProviderTraitsDto, cancellationToken).ConfigureAwait(false);
        return new ProviderTraits(dto.ResourceProviderGeneration, dto.Traits);
    }

    /// <summary>Returns what is allocated on a provider (<c>GET /resource_providers/{uuid}/usages</c>).</summary>
    /// <param name="uuid">The provider's UUID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The usage of each resource class and the provider's generation.</returns>
    /// <exception cref="PlacementException">Placement refused the request (404: no such provider) or could not be reached.</exception>
    public async Task<ProviderUsages> GetUsagesAsync(Guid uuid, CancellationToken cancellationToken = default)
    {
        var dto = await _http.GetAsync(ProviderPath(uuid) + "/usages", Microversions.Usages, PlacementHttp.Contracts.UsagesDto, cancellationToken).ConfigureAwait(false);
        return new ProviderUsages(dto.ResourceProviderGeneration, dto.Usages);
    }

    internal static string ProviderPath(Guid uuid) => "resource_providers/" + uuid.ToString("D", CultureInfo.InvariantCulture);

    internal static Dictionary<string, InventoryRecord> ToRecords(Dictionary<string, InventoryDto> inventories)
        => inventories.ToDictionary(
            static p => p.Key,
            static p => new InventoryRecord(p.Value.Total, p.Value.Reserved, p.Value.MinUnit, p.Value.MaxUnit, p.Value.StepSize, p.Value.AllocationRatio),
            StringComparer.Ordinal);

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            throw response.IsSuccessStatusCode
                ? new PlacementException($"Placement answered {method} /{path} with {(int)response.StatusCode} where {(int)expected} was expected.")
                : await PlacementHttp.ErrorAsync(response, method, path, cancellationToken).ConfigureAwait(false);
        }
    }
}
