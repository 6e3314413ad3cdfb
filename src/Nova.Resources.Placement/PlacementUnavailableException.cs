using System.Net;

namespace Nova.Resources.Placement;

/// <summary>
/// Placement could not be reached, did not answer in time, or answered with a server error, after the configured
/// retries. The request may or may not have taken effect; a report is simply sent again at the next audit.
/// </summary>
public sealed class PlacementUnavailableException : PlacementException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PlacementUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause (the connection or timeout failure).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PlacementUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a server error answer of Placement.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">Placement's error code, when it sent one.</param>
    /// <param name="detail">Placement's error detail.</param>
    /// <param name="requestId">Placement's request id.</param>
    public PlacementUnavailableException(string message, HttpStatusCode? statusCode, string? errorCode, string? detail, string? requestId)
        : base(message, statusCode, errorCode, detail, requestId)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public PlacementUnavailableException()
    {
    }
}
