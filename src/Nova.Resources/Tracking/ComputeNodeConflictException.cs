namespace Nova.Resources.Tracking;

/// <summary>
/// A compute-node record could not be saved because the store holds a different version of it: another writer
/// changed or deleted it since it was read, or another record already has the same host and node.
/// </summary>
/// <remarks>The tracker keeps its last good record and reads the store again at its next audit.</remarks>
public sealed class ComputeNodeConflictException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ComputeNodeConflictException()
        : base("The compute node record was changed by another writer.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ComputeNodeConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ComputeNodeConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one node's record.</summary>
    /// <param name="host">The record's host.</param>
    /// <param name="nodeName">The record's node (<c>hypervisor_hostname</c>).</param>
    /// <param name="message">What happened.</param>
    public ComputeNodeConflictException(string host, string nodeName, string message)
        : base(message)
    {
        Host = host;
        NodeName = nodeName;
    }

    /// <summary>Gets the host of the record that could not be saved, when known.</summary>
    public string? Host { get; }

    /// <summary>Gets the node of the record that could not be saved, when known.</summary>
    public string? NodeName { get; }
}
