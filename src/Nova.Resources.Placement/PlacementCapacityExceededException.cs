using System.Net;

namespace Nova.Resources.Placement;

/// <summary>A claim would exceed a provider's capacity (HTTP 409, Placement's <c>The requested amount would exceed the capacity.</c>): another consumer took the room first. Ask for candidates again rather than retrying the same claim.</summary>
public sealed class PlacementCapacityExceededException : PlacementException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PlacementCapacityExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PlacementCapacityExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for Placement's error answer.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">Placement's error code, when it sent one.</param>
    /// <param name="detail">Placement's error detail.</param>
    /// <param name="requestId">Placement's request id.</param>
    public PlacementCapacityExceededException(string message, HttpStatusCode? statusCode, string? errorCode, string? detail, string? requestId)
        : base(message, statusCode, errorCode, detail, requestId)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public PlacementCapacityExceededException()
    {
    }
}
