namespace Nova.Resources.Compute;

/// <summary>
/// A driver reported resources that cannot be tracked: required values are missing (Nova's
/// <c>_verify_resources</c>) or impossible (negative).
/// </summary>
/// <remarks>
/// The message is Nova's <c>InvalidInput</c> text, listing every offending key by Nova's name in Nova's order:
/// <c>Invalid input received: Missing keys: ['vcpus', 'memory_mb']</c>, and for negative values
/// <c>Invalid input received: Negative values: {'local_gb': -1}</c>; both parts are joined by <c>"; "</c>.
/// </remarks>
public sealed class InvalidHostResourcesException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public InvalidHostResourcesException()
        : this("Invalid input received: the host resources are not valid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public InvalidHostResourcesException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidHostResourcesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal InvalidHostResourcesException(string message, IReadOnlyList<string> missingKeys, IReadOnlyList<string> negativeKeys)
        : base(message)
    {
        MissingKeys = missingKeys;
        NegativeKeys = negativeKeys;
    }

    /// <summary>Gets the Nova keys of the required values that are missing, in Nova's order.</summary>
    public IReadOnlyList<string> MissingKeys { get; } = [];

    /// <summary>Gets the Nova keys of the values that are negative, in Nova's order.</summary>
    public IReadOnlyList<string> NegativeKeys { get; } = [];
}
