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

    private readonly ResourceTracker _tracker;
    private int _state;

    internal ResourceClaim(ResourceTracker tracker, InstanceRequest request)
    {
        _tracker = tracker;
        Request = request;
    }

    /// <summary>Gets the instance and what it uses.</summary>
    public InstanceRequest Request { get; }

    /// <summary>Gets the node the resources are claimed on.</summary>
    public string NodeName => _tracker.NodeName;

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

    /// <summary>Gives the usage back unless the claim was committed; waits for the node's lock.</summary>
    /// <returns>A task that completes when the usage is given back.</returns>
    /// <remarks>Never throws: a store failure is logged, and the next audit stops counting the instance.</remarks>
    public ValueTask DisposeAsync()
        => Interlocked.CompareExchange(ref _state, Aborted, Pending) == Pending
            ? _tracker.AbortAsync(Request)
            : ValueTask.CompletedTask;

    /// <summary>Gives the usage back unless the claim was committed, blocking until done; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, Aborted, Pending) == Pending)
        {
            _tracker.AbortAsync(Request).AsTask().GetAwaiter().GetResult();
        }
    }
}
