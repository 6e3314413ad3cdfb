namespace Nova.Resources.Tracking;

/// <summary>Claims, drops and aborts: each runs with the node's lock held and writes the host's ledger before the record.</summary>
public sealed partial class ResourceTracker
{
    private async ValueTask<ResourceClaim> Claim_NeedsLock(InstanceRequest request, ClaimLimits? limits, CancellationToken cancellationToken)
    {
        var node = _computeNode;
        if (node is null)
        {
            _services.Metrics.ClaimRefused(NodeTag);
            throw ComputeResourcesUnavailableException.NoRecord(request.Uuid, NodeName, _lastAudit);
        }

        if (_tracked.ContainsKey(request.Uuid) || _claims.ContainsKey(request.Uuid))
        {
            throw new InvalidOperationException($"Instance {request.Uuid} is already tracked on node {NodeName}.");
        }

        Log.AttemptingClaim(_logger, NodeName, request.MemoryMb, request.RootGb + request.EphemeralGb, request.Vcpus);
        var checks = ClaimTest.Test(node, request, limits);
        foreach (var check in checks)
        {
            Log.ClaimTotal(_logger, check.Type, check.Total, check.Unit, check.Used);
            if (check.Limit is { } limit)
            {
                Log.ClaimLimit(_logger, check.Type, limit, check.Unit, check.Free!.Value);
            }
            else
            {
                Log.ClaimUnlimited(_logger, check.Type);
            }
        }

        if (ClaimTest.Reasons(checks) is { } reasons)
        {
            Log.ClaimFailed(_logger, string.Join("; ", reasons));
            _services.Metrics.ClaimRefused(NodeTag);
            throw ComputeResourcesUnavailableException.ForReasons(reasons.AsReadOnly());
        }

        // What the host committed is written before the record (Nova's instance_claim sets the instance's host and
        // node first), so a tracker created again for this node counts it whatever becomes of this one.
        await _services.Ledger.AddAsync(node.Host, NodeName, request, cancellationToken).ConfigureAwait(false);
        ComputeNode updated;
        try
        {
            updated = await Save_NeedsLock(NodeUsage.With(node, request, 1, _services.TimeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ForgetInLedgerAsync(node.Host, request.Uuid).ConfigureAwait(false);
            throw;
        }

        _tracked.Add(request.Uuid, request);
        _claims.Add(request.Uuid, request);
        SetRecord(updated);
        Log.ClaimSuccessful(_logger, NodeName);
        _services.Metrics.ClaimGranted(NodeTag);
        return new ResourceClaim(request, NodeName, AbortAsync);
    }

    private async Task Drop_NeedsLock(string instanceUuid, CancellationToken cancellationToken)
    {
        Log.DroppingInstance(_logger, instanceUuid, NodeName);
        bool wasClaimed = _claims.Remove(instanceUuid, out var claimed);
        var node = _computeNode;
        if (node is null || !_tracked.TryGetValue(instanceUuid, out var instance))
        {
            return;
        }

        ComputeNode updated;
        bool left = false;
        try
        {
            left = await _services.Ledger.RemoveAsync(node.Host, instanceUuid, cancellationToken).ConfigureAwait(false);
            updated = await Save_NeedsLock(NodeUsage.With(node, instance, -1, _services.TimeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (wasClaimed)
            {
                _claims[instanceUuid] = claimed!;
            }

            if (left)
            {
                await RestoreInLedgerAsync(node.Host, instance).ConfigureAwait(false);
            }

            throw;
        }

        _tracked.Remove(instanceUuid);
        SetRecord(updated);
    }

    /// <summary>Gives a claim's usage back unless it was dropped already; never throws (the claim's give-back).</summary>
    private async ValueTask AbortAsync(InstanceRequest request)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            await Abort_NeedsLock(request).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async ValueTask Abort_NeedsLock(InstanceRequest request)
    {
        if (!_claims.TryGetValue(request.Uuid, out var claimed) || !ReferenceEquals(claimed, request))
        {
            return;
        }

        _claims.Remove(request.Uuid);
        Log.AbortingClaim(_logger, request.MemoryMb, request.RootGb + request.EphemeralGb);
        var node = _computeNode;
        if (node is not null)
        {
            await ForgetInLedgerAsync(node.Host, request.Uuid).ConfigureAwait(false);
        }

        // A retired tracker's record belongs to the manager's current tracker now; it counts the ledger again.
        if (_retired || node is null || !_tracked.TryGetValue(request.Uuid, out var instance))
        {
            return;
        }

        ComputeNode updated;
        try
        {
            updated = await Save_NeedsLock(NodeUsage.With(node, instance, -1, _services.TimeProvider.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Disposing must not throw. The claim is forgotten, so the next audit stops counting it.
            Log.AbortFailed(_logger, ex, request.Uuid, NodeName);
            return;
        }

        _tracked.Remove(request.Uuid);
        SetRecord(updated);
    }

    /// <summary>Takes a claim that did not last out of the host's ledger; a failure is logged, and the next audit counts the instance until a drop.</summary>
    private async ValueTask ForgetInLedgerAsync(string host, string instanceUuid)
    {
        try
        {
            await _services.Ledger.RemoveAsync(host, instanceUuid, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.LedgerUpdateFailed(_logger, ex, instanceUuid, NodeName);
        }
    }

    /// <summary>Puts a dropped instance back into the host's ledger after the record could not be saved.</summary>
    private async ValueTask RestoreInLedgerAsync(string host, InstanceRequest instance)
    {
        try
        {
            await _services.Ledger.AddAsync(host, NodeName, instance, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.LedgerUpdateFailed(_logger, ex, instance.Uuid, NodeName);
        }
    }
}
