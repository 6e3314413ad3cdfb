using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace Nova.Resources.Placement.Http;

/// <summary>
/// Sends one Placement call over a client from the factory (its handlers add the token, the retries and the request
/// count): the microversion header as Nova sends it, JSON bodies from the source-generated contracts, and every
/// failure turned into a <see cref="PlacementException"/> carrying Placement's own answer.
/// </summary>
internal sealed class PlacementHttp(HttpClient client)
{
    /// <summary>The name of the factory's client that talks to Placement.</summary>
    public const string ClientName = "Nova.Resources.Placement";

    /// <summary>Marks a request that must not be sent twice when its first answer is lost (a claim).</summary>
    public static readonly HttpRequestOptionsKey<bool> Replayable = new("Nova.Resources.Placement.Replayable");

    private static readonly PlacementJsonContext Json = PlacementJsonContext.Default;

    public static PlacementJsonContext Contracts => Json;

    /// <summary>Sends a request and returns Placement's answer whatever its status; transport failures throw <see cref="PlacementUnavailableException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? microversion, HttpContent? content, bool replayable, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        if (microversion is not null)
        {
            request.Headers.TryAddWithoutValidation("OpenStack-API-Version", "placement " + microversion);
        }

        if (!replayable)
        {
            request.Options.Set(Replayable, false);
        }

        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new PlacementUnavailableException($"Placement at {client.BaseAddress} did not answer {method} /{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a 2xx answer's body, or throws the answer's error.</summary>
    public async Task<T> GetAsync<T>(string path, string? microversion, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, microversion, null, replayable: true, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, HttpMethod.Get, path, type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Like <see cref="GetAsync{T}"/>, with <see langword="null"/> for a 404.</summary>
    public async Task<T?> GetOrNullAsync<T>(string path, string? microversion, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(HttpMethod.Get, path, microversion, null, replayable: true, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync(response, HttpMethod.Get, path, type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A JSON request body from a source-generated contract, buffered so that it goes with a Content-Length: a
    /// WSGI server (Placement's own included) does not read chunked bodies.
    /// </summary>
    public static HttpContent Body<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Reads a 2xx answer's body, or throws the answer's error.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpMethod method, string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, method, path, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
                ?? throw new PlacementException($"Placement answered {method} /{path} with an empty body.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new PlacementException($"Placement answered {method} /{path} with JSON this client cannot read: {ex.Message}", ex);
        }
    }

    /// <summary>Turns an error answer into the exception its status and Placement's error code mean.</summary>
    public static async Task<PlacementException> ErrorAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var error = PlacementErrors.Parse(text);
        string? requestId = error?.RequestId
            ?? (response.Headers.TryGetValues("x-openstack-request-id", out var ids) ? ids.FirstOrDefault() : null);
        string detail = PlacementErrors.Detail(error?.Detail ?? text);
        string? code = error?.Code;
        var status = response.StatusCode;
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"Placement answered {method} /{path} with {(int)status} {error?.Title ?? response.ReasonPhrase}: {detail}{(code is null ? string.Empty : $" ({code})")}{(requestId is null ? string.Empty : $" [{requestId}]")}");
        return PlacementErrors.Classify(status, code, detail) switch
        {
            PlacementErrorKind.CapacityExceeded => new PlacementCapacityExceededException(message, status, code, detail, requestId),
            PlacementErrorKind.ConsumerConflict => new PlacementConsumerConflictException(message, status, code, detail, requestId),
            PlacementErrorKind.InventoryInUse => new PlacementInventoryInUseException(message, status, code, detail, requestId),
            PlacementErrorKind.ServerError => new PlacementUnavailableException(message, status, code, detail, requestId),
            _ => new PlacementException(message, status, code, detail, requestId),
        };
    }
}
