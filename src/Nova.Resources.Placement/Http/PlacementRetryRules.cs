using System.Net.Sockets;
using Polly;
using Polly.Timeout;

namespace Nova.Resources.Placement.Http;

/// <summary>
/// Which failures are retried: a connection that could not be made (nothing was sent) always; a timeout, a broken
/// connection or a 5xx answer only when the request is safe to send again (not a claim); a 4xx answer never.
/// </summary>
internal static class PlacementRetryRules
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        if (outcome.Result is { } response)
        {
            return (int)response.StatusCode >= 500 && IsReplayable(request);
        }

        return outcome.Exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => true,
            HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => true,
            HttpRequestException or TimeoutRejectedException => IsReplayable(request),
            _ => false,
        };
    }

    private static bool IsReplayable(HttpRequestMessage? request)
        => request is null || !request.Options.TryGetValue(PlacementHttp.Replayable, out bool replayable) || replayable;
}
