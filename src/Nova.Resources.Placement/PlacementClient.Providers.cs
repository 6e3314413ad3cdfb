using System.Net;
using Nova.Resources.Placement.Http;
using Nova.Resources.Tracking;

namespace Nova.Resources.Placement;

// The provider writes of the compute side (Nova's report client), used by the reporter.
public sealed partial class PlacementClient
{
    /// <summary>The providers of the tree a provider is in (<c>GET /resource_providers?in_tree=</c>); empty when it does not exist.</summary>
    internal async Task<IReadOnlyList<ResourceProvider>> GetProvidersInTreeAsync(Guid uuid, CancellationToken cancellationToken)
    {
        var list = await _http.GetAsync(
            "resource_providers?in_tree=" + uuid.ToString("D"), Microversions.NestedProviders, PlacementHttp.Contracts.ProviderListDto, cancellationToken).ConfigureAwait(false);
        return [.. list.ResourceProviders.Select(static p => new ResourceProvider(p.Uuid, p.Name, p.Generation))];
    }

    /// <summary>
    /// Creates a root provider (<c>POST /resource_providers</c>, 1.20). Another provider with the name is a real error;
    /// any other 409 means someone created this one meanwhile, so it is read instead (Nova's <c>_create_resource_provider</c>).
    /// </summary>
    internal async Task<(ResourceProvider Provider, bool Created)> CreateProviderAsync(Guid uuid, string name, CancellationToken cancellationToken)
    {
        const string path = "resource_providers";
        var body = PlacementHttp.Body(new CreateProviderDto(uuid, name), PlacementHttp.Contracts.CreateProviderDto);
        using var response = await _http.SendAsync(HttpMethod.Post, path, Microversions.CreateProviderReturnsPayload, body, replayable: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var error = await PlacementHttp.ErrorAsync(response, HttpMethod.Post, path, cancellationToken).ConfigureAwait(false);
            if (PlacementErrors.Classify(HttpStatusCode.Conflict, error.ErrorCode, error.Detail ?? string.Empty) == PlacementErrorKind.DuplicateName)
            {
                throw new PlacementException(
                    $"Cannot create the resource provider of node '{name}' ({uuid}): Placement already has another provider named '{name}'. {error.Message}",
                    error.StatusCode,
                    error.ErrorCode,
                    error.Detail,
                    error.RequestId);
            }

            var existing = await GetResourceProviderAsync(uuid, cancellationToken).ConfigureAwait(false)
                ?? throw error;
            return (existing, false);
        }

        var dto = await PlacementHttp.ReadAsync(response, HttpMethod.Post, path, PlacementHttp.Contracts.ProviderDto, cancellationToken).ConfigureAwait(false);
        return (new ResourceProvider(dto.Uuid, dto.Name, dto.Generation), true);
    }

    /// <summary>Replaces a provider's inventory (<c>PUT .../inventories</c>, 1.26); answers the stored inventory and new generation.</summary>
    internal async Task<ProviderInventories> SetInventoriesAsync(Guid uuid, long generation, IReadOnlyDictionary<string, InventoryRecord> inventory, CancellationToken cancellationToken)
    {
        string path = ProviderPath(uuid) + "/inventories";
        var dto = new InventoriesDto(
            generation,
            inventory.ToDictionary(
                static p => p.Key,
                static p => new InventoryDto(p.Value.Total, p.Value.Reserved, p.Value.MinUnit, p.Value.MaxUnit, p.Value.StepSize, p.Value.AllocationRatio),
                StringComparer.Ordinal));
        using var response = await _http.SendAsync(
            HttpMethod.Put, path, Microversions.ReservedEqualTotal, PlacementHttp.Body(dto, PlacementHttp.Contracts.InventoriesDto), replayable: true, cancellationToken).ConfigureAwait(false);
        var stored = await PlacementHttp.ReadAsync(response, HttpMethod.Put, path, PlacementHttp.Contracts.InventoriesDto, cancellationToken).ConfigureAwait(false);
        return new ProviderInventories(stored.ResourceProviderGeneration, ToRecords(stored.Inventories));
    }

    /// <summary>Creates the traits Placement does not have yet (<c>GET /traits?name=in:</c>, then <c>PUT /traits/{name}</c> each).</summary>
    internal async Task EnsureTraitsAsync(IReadOnlyCollection<string> traits, CancellationToken cancellationToken)
    {
        if (traits.Count == 0)
        {
            return;
        }

        var known = await _http.GetAsync("traits?name=in:" + string.Join(',', traits), Microversions.Traits, PlacementHttp.Contracts.TraitListDto, cancellationToken).ConfigureAwait(false);
        foreach (var trait in traits.Except(known.Traits, StringComparer.Ordinal))
        {
            string path = "traits/" + trait;
            using var response = await _http.SendAsync(HttpMethod.Put, path, Microversions.Traits, null, replayable: true, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.NoContent))
            {
                throw await PlacementHttp.ErrorAsync(response, HttpMethod.Put, path, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Replaces a provider's traits (<c>PUT .../traits</c>, 1.6); answers the stored traits and new generation.</summary>
    internal async Task<ProviderTraits> SetTraitsAsync(Guid uuid, long generation, IReadOnlyCollection<string> traits, CancellationToken cancellationToken)
    {
        string path = ProviderPath(uuid) + "/traits";
        var body = PlacementHttp.Body(new ProviderTraitsDto(generation, [.. traits]), PlacementHttp.Contracts.ProviderTraitsDto);
        using var response = await _http.SendAsync(HttpMethod.Put, path, Microversions.Traits, body, replayable: true, cancellationToken).ConfigureAwait(false);
        var stored = await PlacementHttp.ReadAsync(response, HttpMethod.Put, path, PlacementHttp.Contracts.ProviderTraitsDto, cancellationToken).ConfigureAwait(false);
        return new ProviderTraits(stored.ResourceProviderGeneration, stored.Traits);
    }

    /// <summary>Deletes a provider (<c>DELETE /resource_providers/{uuid}</c>); <see langword="false"/> when it did not exist.</summary>
    internal async Task<bool> DeleteProviderAsync(Guid uuid, CancellationToken cancellationToken)
    {
        string path = ProviderPath(uuid);
        using var response = await _http.SendAsync(HttpMethod.Delete, path, null, null, replayable: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await ExpectAsync(response, HttpStatusCode.NoContent, HttpMethod.Delete, path, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
