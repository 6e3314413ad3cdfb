namespace Nova.Resources.Placement.Http;

/// <summary>Counts every HTTP attempt sent to Placement (<c>nova.placement.requests</c>), retries included.</summary>
internal sealed class RequestMetricsHandler(PlacementMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            metrics.RequestSent(request.Method, (int)response.StatusCode);
            return response;
        }
        catch
        {
            metrics.RequestSent(request.Method, null);
            throw;
        }
    }
}
