using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nova.Resources.Placement.Http;
using Nova.Resources.Tracking;

namespace Nova.Resources.Placement.Reporting;

/// <summary>
/// Reports each compute-node record to Placement after an audit, as nova-compute's <c>_update_to_placement</c>: the
/// node's root provider (uuid = <see cref="ComputeNode.Uuid"/>, name = <see cref="ComputeNode.HypervisorHostname"/>), its
/// inventory and its traits. The provider, its generation, inventory and traits are cached, so an audit that changed
/// nothing sends no request; the cache is read again every <see cref="PlacementOptions.AssociationRefresh"/> and after any
/// failure. A generation conflict drops the cache and drives the whole update again, up to <see cref="MaxAttempts"/> times.
/// </summary>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim never creates its wait handle; the reporter lives as long as the host.")]
internal sealed class PlacementReporter(
    IHttpClientFactory httpClients,
    IOptionsMonitor<PlacementOptions> options,
    TimeProvider timeProvider,
    PlacementMetrics metrics,
    ILogger<PlacementReporter> logger) : IComputeNodeReporter
{
    /// <summary>Nova's <c>retrying.retry(stop_max_attempt_number=4)</c> around <c>_update_to_placement</c>.</summary>
    public const int MaxAttempts = 4;

    private readonly ConcurrentDictionary<Guid, ProviderState> _cache = new();
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async ValueTask ReportAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Uuid == Guid.Empty)
        {
            throw new ArgumentException($"The record of node '{node.HypervisorHostname}' has no Uuid yet; only a stored record can be reported to Placement.", nameof(node));
        }

        long started = timeProvider.GetTimestamp();
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = options.CurrentValue;
            var client = new PlacementClient(httpClients.CreateClient(PlacementHttp.ClientName));
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await SyncAsync(client, node, current, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (PlacementException ex) when (attempt < MaxAttempts && IsProviderConflict(ex))
                {
                    _cache.TryRemove(node.Uuid, out _);
                    metrics.Redriven(node.HypervisorHostname);
                    Log.Redriving(logger, node.Uuid, node.HypervisorHostname, attempt, MaxAttempts, ex.Detail);
                }
            }

            metrics.Reported(node.HypervisorHostname, timeProvider.GetElapsedTime(started), failed: false);
        }
        catch
        {
            // Whatever Placement holds now is unknown: read it again at the next report.
            _cache.TryRemove(node.Uuid, out _);
            metrics.Reported(node.HypervisorHostname, timeProvider.GetElapsedTime(started), failed: true);
            throw;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask RemoveAsync(ComputeNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Uuid == Guid.Empty)
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _cache.TryRemove(node.Uuid, out _);
            var client = new PlacementClient(httpClients.CreateClient(PlacementHttp.ClientName));
            if (await client.DeleteProviderAsync(node.Uuid, cancellationToken).ConfigureAwait(false))
            {
                Log.ProviderDeleted(logger, node.Uuid);
            }
            else
            {
                Log.ProviderAlreadyDeleted(logger, node.Uuid, node.HypervisorHostname);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task SyncAsync(PlacementClient client, ComputeNode node, PlacementOptions current, CancellationToken cancellationToken)
    {
        var state = await EnsureProviderAsync(client, node, current, cancellationToken).ConfigureAwait(false);
        if (!state.HasInventory(node.Inventory))
        {
            var stored = await client.SetInventoriesAsync(state.Uuid, state.Generation, node.Inventory, cancellationToken).ConfigureAwait(false);
            state.Inventory = stored.Inventories;
            state.Generation = stored.ResourceProviderGeneration;
            Log.InventoryUpdated(logger, state.Uuid, state.Generation, string.Join(",", stored.Inventories.Keys.Order(StringComparer.Ordinal)));
        }

        var traits = WantedTraits(state.Traits, node, current);
        if (!state.Traits.SetEquals(traits))
        {
            var created = traits.Where(t => Traits.IsCustom(t) && !state.Traits.Contains(t)).Order(StringComparer.Ordinal).ToList();
            await client.EnsureTraitsAsync(created, cancellationToken).ConfigureAwait(false);
            var stored = await client.SetTraitsAsync(state.Uuid, state.Generation, [.. traits.Order(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
            state.Traits = new HashSet<string>(stored.Traits, StringComparer.Ordinal);
            state.Generation = stored.ResourceProviderGeneration;
            Log.TraitsUpdated(logger, state.Uuid, state.Generation, string.Join(",", stored.Traits));
        }
    }

    /// <summary>
    /// Nova's <c>_ensure_resource_provider</c> for a root provider: the cached one while fresh; otherwise the tree is read
    /// (<c>GET ?in_tree=</c>) and the provider created when absent, or its inventory and traits read when present.
    /// </summary>
    private async Task<ProviderState> EnsureProviderAsync(PlacementClient client, ComputeNode node, PlacementOptions current, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(node.Uuid, out var cached)
            && (current.AssociationRefresh == TimeSpan.Zero || now - cached.RefreshedAt <= current.AssociationRefresh))
        {
            return cached;
        }

        var tree = await client.GetProvidersInTreeAsync(node.Uuid, cancellationToken).ConfigureAwait(false);
        var root = tree.FirstOrDefault(p => p.Uuid == node.Uuid);
        if (root is null)
        {
            var (provider, created) = await client.CreateProviderAsync(node.Uuid, node.HypervisorHostname, cancellationToken).ConfigureAwait(false);
            if (created)
            {
                Log.ProviderCreated(logger, provider.Uuid, provider.Name);
                var fresh = new ProviderState(provider.Uuid, provider.Name, provider.Generation, new Dictionary<string, InventoryRecord>(), [], now);
                _cache[node.Uuid] = fresh;
                return fresh;
            }

            root = provider;
        }

        var inventories = await client.GetInventoriesAsync(root.Uuid, cancellationToken).ConfigureAwait(false);
        var traits = await client.GetTraitsAsync(root.Uuid, cancellationToken).ConfigureAwait(false);
        var state = new ProviderState(root.Uuid, root.Name, traits.ResourceProviderGeneration, inventories.Inventories, traits.Traits, now);
        Log.ProviderRefreshed(logger, state.Uuid, state.Generation);
        _cache[node.Uuid] = state;
        return state;
    }

    /// <summary>
    /// The traits the provider should carry: those set by others kept, the driver's own (<c>COMPUTE_NODE</c> and the CPU
    /// feature traits) set from the record, plus the configured additional traits.
    /// </summary>
    private static HashSet<string> WantedTraits(HashSet<string> held, ComputeNode node, PlacementOptions current)
    {
        var wanted = new HashSet<string>(held.Where(static t => t != Traits.ComputeNode && !CpuTraits.All.Contains(t)), StringComparer.Ordinal)
        {
            Traits.ComputeNode,
        };
        if (node.CpuInfo is { } cpu)
        {
            CpuTraits.AddFromFeatures(cpu.Features, wanted);
        }

        wanted.UnionWith(current.AdditionalTraits);
        return wanted;
    }

    private static bool IsProviderConflict(PlacementException ex)
        => ex.GetType() == typeof(PlacementException)
            && ex.StatusCode == System.Net.HttpStatusCode.Conflict
            && PlacementErrors.Classify(System.Net.HttpStatusCode.Conflict, ex.ErrorCode, ex.Detail ?? string.Empty) == PlacementErrorKind.ProviderConflict;
}
