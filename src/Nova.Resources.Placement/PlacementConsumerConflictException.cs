using System.Net;

namespace Nova.Resources.Placement;

/// <summary>The consumer's allocations changed since they were read (HTTP 409 <c>placement.concurrent_update</c>, <c>consumer generation conflict</c>): read the consumer's allocations again for its current generation, then decide.</summary>
public sealed class PlacementConsumerConflictException : PlacementException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PlacementConsumerConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PlacementConsumerConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for Placement's error answer.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">Placement's error code, when it sent one.</param>
    /// <param name="detail">Placement's error detail.</param>
    /// <param name="requestId">Placement's request id.</param>
    public PlacementConsumerConflictException(string message, HttpStatusCode? statusCode, string? errorCode, string? detail, string? requestId)
        : base(message, statusCode, errorCode, detail, requestId)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public PlacementConsumerConflictException()
    {
    }
}
