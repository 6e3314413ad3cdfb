namespace Nova.Resources.Placement;

/// <summary>
/// Where OpenStack Placement is and how to talk to it (Nova's <c>[placement]</c> section and
/// <c>[compute] resource_provider_association_refresh</c>). Bound from the <c>Placement</c> configuration section in
/// the samples; validated when the host starts.
/// </summary>
public sealed class PlacementOptions
{
    /// <summary>
    /// Gets or sets the Placement API's URL, such as <c>http://controller:8778</c> or
    /// <c>https://cloud.example/placement</c> (Nova: <c>[placement] endpoint_override</c>). Required; absolute
    /// <c>http</c> or <c>https</c>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Gets or sets the token sent as <c>X-Auth-Token</c> on every request (Nova: <c>[placement] token</c>). Required
    /// unless an <see cref="IPlacementTokenProvider"/> is registered, such as one that gets Keystone tokens.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// Gets or sets how long the cached provider tree (generation, inventory, traits) is trusted before it is read
    /// again from Placement (Nova: <c>[compute] resource_provider_association_refresh</c>, 300 seconds). Zero reads it
    /// once and then only after a conflict. Write it as <c>hh:mm:ss</c> in configuration: a bare <c>300</c> is 300 days.
    /// </summary>
    public TimeSpan AssociationRefresh { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Gets or sets the longest one HTTP attempt may take before it counts as a transient failure (30 seconds).
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how many times a transient failure (no connection, a timeout, HTTP 502, 503 or 504, and HTTP 500
    /// on a request that is safe to repeat) is retried; a 4xx answer is never retried. 0 to 10, default 3.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Gets or sets the first retry's delay; later ones back off exponentially with jitter (0.5 seconds).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets or sets whether connections to Placement are kept open and reused (the default). Set it to
    /// <see langword="false"/> for a server that answers HTTP/1.0 and closes each connection, such as the
    /// <c>placement-api</c> test server (wsgiref): reusing a connection such a server is closing fails a request with a
    /// body ("The response ended prematurely"), and a claim is never sent twice.
    /// </summary>
    public bool KeepAlive { get; set; } = true;

    /// <summary>
    /// Gets the traits set on every reported provider besides <c>COMPUTE_NODE</c> and the CPU feature traits, such as
    /// <c>CUSTOM_GOLD</c> (Nova: the <c>traits: additional</c> of a provider config file). <c>CUSTOM_</c> traits are
    /// created in Placement first.
    /// </summary>
    public IList<string> AdditionalTraits { get; } = [];
}
