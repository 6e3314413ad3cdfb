namespace Nova.Resources.Placement.Http;

/// <summary>Sets <c>X-Auth-Token</c> on every attempt from the registered <see cref="IPlacementTokenProvider"/>.</summary>
internal sealed class PlacementAuthHandler(IPlacementTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Remove("X-Auth-Token");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
