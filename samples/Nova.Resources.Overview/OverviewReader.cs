using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nova.Resources.Overview.Audits;
using Nova.Resources.Overview.Model;
using Nova.Resources.Overview.Placement;
using Nova.Resources.Placement;
using Nova.Resources.Tracking;

namespace Nova.Resources.Overview;

/// <summary>Reads the shared store (the records and, when the store has them, the nodes' last audits; Placement, when configured) and builds the overview.</summary>
internal sealed class OverviewReader(
    IComputeNodeStore store,
    TimeProvider timeProvider,
    IOptions<OverviewOptions> options,
    ILogger<OverviewReader> logger,
    IPlacementUsageReader? placement = null,
    IAuditReader? audits = null)
{
    private readonly TimeSpan _staleAfter = options.Value.StaleAfter;

    /// <summary>Reads every current record and builds the overview; a failing Placement, or audit read, leaves its columns empty.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The overview.</returns>
    public async Task<OverviewSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var nodes = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, long>>? usages = null;
        string? placementError = null;
        if (placement is not null)
        {
            try
            {
                var uuids = new Guid[nodes.Count];
                for (int i = 0; i < uuids.Length; i++)
                {
                    uuids[i] = nodes[i].Uuid;
                }

                usages = await placement.ReadAsync(uuids, cancellationToken).ConfigureAwait(false);
            }
            catch (PlacementException ex)
            {
                Log.PlacementReadFailed(logger, ex);
                placementError = ex.Message;
            }
        }

        var lastAudits = await ReadAuditsAsync(cancellationToken).ConfigureAwait(false);
        return OverviewBuilder.Build(nodes, usages, timeProvider.GetUtcNow(), _staleAfter, placementError, lastAudits);
    }

    private async Task<IReadOnlyDictionary<(string Host, string Node), NodeAudit>?> ReadAuditsAsync(CancellationToken cancellationToken)
    {
        if (audits is null)
        {
            return null;
        }

        try
        {
            return await audits.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.AuditReadFailed(logger, ex);
            return null;
        }
    }
}
