using System.Globalization;
using System.Net;
using System.Text;
using Nova.Resources.Placement.Http;

namespace Nova.Resources.Placement;

public sealed partial class PlacementClient
{
    /// <summary>
    /// Asks Placement which providers could satisfy a request now (<c>GET /allocation_candidates</c>, microversion 1.36).
    /// </summary>
    /// <param name="request">The resources, required traits and limit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The candidates (none when nothing fits) and a summary of each provider they name.</returns>
    /// <exception cref="ArgumentException">The request has no resources, a non-positive amount, a bad class or trait name, or a non-positive limit.</exception>
    /// <exception cref="PlacementException">Placement refused the request (400: an unknown class or trait) or could not be reached.</exception>
    public async Task<AllocationCandidates> GetAllocationCandidatesAsync(AllocationCandidatesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new StringBuilder("allocation_candidates?resources=");
        AppendResources(query, request.Resources, nameof(request));
        if (request.RequiredTraits.Count > 0)
        {
            foreach (var trait in request.RequiredTraits)
            {
                if (!Traits.IsValidName(trait))
                {
                    throw new ArgumentException($"Required trait '{trait}' is not a trait name (1 to 255 of A-Z, 0-9 and _).", nameof(request));
                }
            }

            query.Append("&required=").Append(string.Join(',', request.RequiredTraits));
        }

        if (request.Limit is { } limit)
        {
            if (limit <= 0)
            {
                throw new ArgumentException($"Limit must be positive, not {limit}.", nameof(request));
            }

            query.Append(CultureInfo.InvariantCulture, $"&limit={limit}");
        }

        var dto = await _http.GetAsync(query.ToString(), Microversions.AllocationCandidates, PlacementHttp.Contracts.AllocationCandidatesDto, cancellationToken).ConfigureAwait(false);
        return new AllocationCandidates(
            [.. dto.AllocationRequests.Select(static r => new AllocationRequest(ToAllocations(r.Allocations)))],
            dto.ProviderSummaries.ToDictionary(
                static p => p.Key,
                static p => new ProviderSummary(
                    p.Value.Resources.ToDictionary(static r => r.Key, static r => new ProviderCapacity(r.Value.Capacity, r.Value.Used), StringComparer.Ordinal),
                    p.Value.Traits ?? [])));
    }

    /// <summary>
    /// Claims resources for a consumer (<c>PUT /allocations/{consumer}</c>, microversion 1.36), replacing what it held.
    /// Placement never over-commits: of concurrent claims exactly those that fit succeed.
    /// </summary>
    /// <param name="consumer">The consumer, such as an instance's UUID.</param>
    /// <param name="allocation">What to allocate, usually one of <see cref="AllocationCandidates.AllocationRequests"/>.</param>
    /// <param name="projectId">The consumer's project.</param>
    /// <param name="userId">The consumer's user.</param>
    /// <param name="consumerGeneration">The consumer's generation as last read; <see langword="null"/> for a new consumer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the claim is held.</returns>
    /// <exception cref="ArgumentException">An argument is empty or the allocation holds a non-positive amount.</exception>
    /// <exception cref="PlacementCapacityExceededException">A provider has no room left for it.</exception>
    /// <exception cref="PlacementConsumerConflictException">The consumer's generation is not <paramref name="consumerGeneration"/>.</exception>
    /// <exception cref="PlacementException">Placement refused the claim otherwise, or could not be reached; a claim is never sent twice.</exception>
    public async Task ClaimAsync(Guid consumer, AllocationRequest allocation, string projectId, string userId, long? consumerGeneration = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (allocation.Allocations.Count == 0)
        {
            throw new ArgumentException("The allocation names no provider.", nameof(allocation));
        }

        var body = new Dictionary<Guid, AllocationDto>(allocation.Allocations.Count);
        foreach (var (provider, resources) in allocation.Allocations)
        {
            AppendResources(null, resources, nameof(allocation));
            body[provider] = new AllocationDto(new Dictionary<string, long>(resources, StringComparer.Ordinal));
        }

        await PutAllocationsAsync(consumer, new ConsumerAllocationsDto(body, consumerGeneration, projectId, userId), Microversions.AllocationCandidates, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns a consumer's allocations (<c>GET /allocations/{consumer}</c>, microversion 1.28).</summary>
    /// <param name="consumer">The consumer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its allocations (empty for a consumer Placement does not know) and its generation.</returns>
    /// <exception cref="PlacementException">Placement refused the request or could not be reached.</exception>
    public async Task<ConsumerAllocations> GetAllocationsAsync(Guid consumer, CancellationToken cancellationToken = default)
    {
        var dto = await _http.GetAsync(AllocationsPath(consumer), Microversions.ConsumerGeneration, PlacementHttp.Contracts.ConsumerAllocationsDto, cancellationToken).ConfigureAwait(false);
        return new ConsumerAllocations(ToAllocations(dto.Allocations), dto.ConsumerGeneration, dto.ProjectId, dto.UserId);
    }

    /// <summary>
    /// Releases everything a consumer holds, as Nova does: reads its allocations and generation, then writes them empty
    /// with that generation, so a concurrent change is never lost unseen.
    /// </summary>
    /// <param name="consumer">The consumer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when allocations were released; <see langword="false"/> when it held none.</returns>
    /// <exception cref="PlacementConsumerConflictException">The consumer's allocations changed between the read and the write.</exception>
    /// <exception cref="PlacementException">Placement refused the request or could not be reached.</exception>
    public async Task<bool> ReleaseAsync(Guid consumer, CancellationToken cancellationToken = default)
    {
        var current = await GetAllocationsAsync(consumer, cancellationToken).ConfigureAwait(false);
        if (current.Allocations.Count == 0)
        {
            return false;
        }

        var body = new ConsumerAllocationsDto([], current.ConsumerGeneration, current.ProjectId, current.UserId);
        await PutAllocationsAsync(consumer, body, Microversions.ConsumerGeneration, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task PutAllocationsAsync(Guid consumer, ConsumerAllocationsDto body, string microversion, CancellationToken cancellationToken)
    {
        string path = AllocationsPath(consumer);
        using var response = await _http.SendAsync(
            HttpMethod.Put, path, microversion, PlacementHttp.Body(body, PlacementHttp.Contracts.ConsumerAllocationsDto), replayable: false, cancellationToken).ConfigureAwait(false);
        await ExpectAsync(response, HttpStatusCode.NoContent, HttpMethod.Put, path, cancellationToken).ConfigureAwait(false);
    }

    private static string AllocationsPath(Guid consumer) => "allocations/" + consumer.ToString("D", CultureInfo.InvariantCulture);

    private static Dictionary<Guid, IReadOnlyDictionary<string, long>> ToAllocations(Dictionary<Guid, AllocationDto> allocations)
        => allocations.ToDictionary(static a => a.Key, static a => (IReadOnlyDictionary<string, long>)a.Value.Resources);

    /// <summary>Checks every class name and amount, and writes them as <c>CLASS:amount,...</c> in ordinal order when given a builder.</summary>
    private static void AppendResources(StringBuilder? builder, IReadOnlyDictionary<string, long>? resources, string parameter)
    {
        if (resources is null || resources.Count == 0)
        {
            throw new ArgumentException("At least one resource class and amount is required.", parameter);
        }

        bool first = true;
        foreach (var (name, amount) in resources.OrderBy(static r => r.Key, StringComparer.Ordinal))
        {
            if (!Traits.IsValidName(name))
            {
                throw new ArgumentException($"'{name}' is not a resource class name (1 to 255 of A-Z, 0-9 and _).", parameter);
            }

            if (amount <= 0)
            {
                throw new ArgumentException($"The amount of {name} must be positive, not {amount}.", parameter);
            }

            builder?.Append(first ? string.Empty : ",").Append(name).Append(':').Append(amount.ToString(CultureInfo.InvariantCulture));
            first = false;
        }
    }
}
