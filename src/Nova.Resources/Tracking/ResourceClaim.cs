namespace Nova.Resources.Tracking;

/// <summary>
/// Resources claimed on a node for one instance (Nova's <c>Claim</c>). The usage counts from the moment the claim
/// is granted. <see cref="Commit"/> keeps it (the instance was built); disposing the claim without committing it
/// gives the usage back (Nova's claim context manager aborting on an exception).
/// </summary>
/// <example>
/// <code>
/// await using var claim = await tracker.ClaimAsync(request);
/// await BuildInstanceAsync(request);   // an exception here gives the resources back
/// claim.Commit();
/// </code>
/// </example>
public sealed class ResourceClaim : IDisposable, IAsyncDisposable
{
    private const int Pending = 0;
    private const int Committed = 1;
    private const int Aborted = 2;

    private readonly Func<InstanceRequest, ValueTask> _giveBack;
    private int _state;
    private Task? _givingBack;

    /// <summary>Creates a granted claim.</summary>
    /// <param name="request">The instance and what it uses.</param>
    /// <param name="nodeName">The node the resources are claimed on.</param>
    /// <param name="giveBack">Gives the usage back; never throws (a failure is logged where it happens).</param>
    internal ResourceClaim(InstanceRequest request, string nodeName, Func<InstanceRequest, ValueTask> giveBack)
    {
        Request = request;
        NodeName = nodeName;
        _giveBack = giveBack;
    }

    /// <summary>Gets the instance and what it uses.</summary>
    public InstanceRequest Request { get; }

    /// <summary>Gets the node the resources are claimed on.</summary>
    public string NodeName { get; }

    /// <summary>Gets a value indicating whether <see cref="Commit"/> was called.</summary>
    public bool IsCommitted => Volatile.Read(ref _state) == Committed;

    /// <summary>Keeps the usage: disposing the claim no longer gives it back. Calling it again does nothing.</summary>
    /// <exception cref="ObjectDisposedException">The claim was disposed (aborted) before it was committed.</exception>
    public void Commit()
    {
        if (Interlocked.CompareExchange(ref _state, Committed, Pending) == Aborted)
        {
            throw new ObjectDisposedException(nameof(ResourceClaim), $"The claim of instance {Request.Uuid} on node {NodeName} was aborted.");
        }
    }

    /// <summary>Gives the usage back unless the claim was committed, and waits until it is given back.</summary>
    /// <returns>A task that completes when the usage is given back.</returns>
    /// <remarks>Never throws: a store failure is logged, and the next audit stops counting the instance.</remarks>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Aborted, Pending) == Pending)
        {
            return _giveBack(Request);
        }

        // Disposed before without waiting: wait for that now.
        return Volatile.Read(ref _givingBack) is { } givingBack ? new ValueTask(givingBack) : ValueTask.CompletedTask;
    }

    /// <summary>
    /// Starts giving the usage back unless the claim was committed, without waiting for the node's lock or the store:
    /// when neither has to wait, the usage is back when this returns; otherwise it follows in the background (a later
    /// <see cref="DisposeAsync"/> waits for it). Prefer <see cref="DisposeAsync"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, Aborted, Pending) != Pending)
        {
            return;
        }

        var givingBack = _giveBack(Request);
        if (givingBack.IsCompleted)
        {
            givingBack.GetAwaiter().GetResult();
        }
        else
        {
            Volatile.Write(ref _givingBack, givingBack.AsTask());
        }
    }
}
