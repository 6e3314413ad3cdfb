using System.Net;

namespace Nova.Resources.Placement;

/// <summary>An inventory change would remove a resource class that still has allocations (HTTP 409 <c>placement.inventory.inuse</c>). Not retried: the allocations must go first.</summary>
public sealed class PlacementInventoryInUseException : PlacementException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PlacementInventoryInUseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PlacementInventoryInUseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for Placement's error answer.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">Placement's error code, when it sent one.</param>
    /// <param name="detail">Placement's error detail.</param>
    /// <param name="requestId">Placement's request id.</param>
    public PlacementInventoryInUseException(string message, HttpStatusCode? statusCode, string? errorCode, string? detail, string? requestId)
        : base(message, statusCode, errorCode, detail, requestId)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public PlacementInventoryInUseException()
    {
    }
}
