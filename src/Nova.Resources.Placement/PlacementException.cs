using System.Net;

namespace Nova.Resources.Placement;

/// <summary>
/// Placement refused a request or could not be reached. Carries Placement's own answer: the HTTP status, the error
/// <see cref="ErrorCode"/> (such as <c>placement.concurrent_update</c>; absent on some errors and below microversion
/// 1.23), the <see cref="Detail"/> text and the request id.
/// </summary>
/// <remarks>
/// Subclasses name the cases a caller handles differently: <see cref="PlacementCapacityExceededException"/>,
/// <see cref="PlacementConsumerConflictException"/>, <see cref="PlacementInventoryInUseException"/> and
/// <see cref="PlacementUnavailableException"/>.
/// </remarks>
public class PlacementException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PlacementException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PlacementException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an error answer of Placement.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">Placement's error code, when it sent one.</param>
    /// <param name="detail">Placement's error detail.</param>
    /// <param name="requestId">Placement's request id (<c>x-openstack-request-id</c>).</param>
    public PlacementException(string message, HttpStatusCode? statusCode, string? errorCode, string? detail, string? requestId)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Detail = detail;
        RequestId = requestId;
    }

    /// <summary>Creates the exception with no message.</summary>
    public PlacementException()
    {
    }

    /// <summary>Gets the HTTP status Placement answered, or <see langword="null"/> when it did not answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets Placement's error code, such as <c>placement.concurrent_update</c>, when it sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets Placement's error detail, as it wrote it.</summary>
    public string? Detail { get; }

    /// <summary>Gets Placement's request id, to find the request in its log.</summary>
    public string? RequestId { get; }
}
