using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Nova.Resources.Placement.Tests.TestSupport;

/// <summary>
/// Another writer of Placement, with plain HTTP and the admin token: reads providers back as Placement holds them,
/// bumps generations behind the reporter's back, and clears what a test left.
/// </summary>
internal sealed class PlacementAdmin(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/") };

    public async Task<JsonObject> GetAsync(string path, string microversion = "1.14")
    {
        using var request = Request(HttpMethod.Get, path, microversion);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, string microversion, object? body)
    {
        using var request = Request(method, path, microversion);
        if (body is not null)
        {
            request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
        }

        // A client of its own per write: this helper's reads and writes come from inside the reporter's handler chain.
        using var http = new HttpClient { BaseAddress = _http.BaseAddress };
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Every provider with a name: uuid and generation.</summary>
    public async Task<List<(Guid Uuid, long Generation)>> ProvidersNamedAsync(string name)
    {
        var list = await GetAsync("resource_providers?name=" + Uri.EscapeDataString(name));
        return [.. list["resource_providers"]!.AsArray().Select(static p => (Guid.Parse((string)p!["uuid"]!), (long)p["generation"]!))];
    }

    /// <summary>Bumps a provider's generation as another writer would: an aggregates PUT with its current generation.</summary>
    public async Task BumpGenerationAsync(Guid provider)
    {
        var current = await GetAsync($"resource_providers/{provider}/aggregates", "1.19");
        var status = await SendAsync(HttpMethod.Put, $"resource_providers/{provider}/aggregates", "1.19", new
        {
            aggregates = Array.Empty<string>(),
            resource_provider_generation = (long)current["resource_provider_generation"]!,
        });
        status.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Deletes the providers with a name (and first every allocation on them), so a test starts clean.</summary>
    public async Task DeleteProvidersNamedAsync(string name)
    {
        foreach (var (uuid, _) in await ProvidersNamedAsync(name))
        {
            var allocations = await GetAsync($"resource_providers/{uuid}/allocations", "1.0");
            foreach (var consumer in allocations["allocations"]!.AsObject())
            {
                await SendAsync(HttpMethod.Delete, "allocations/" + consumer.Key, "1.0", null);
            }

            (await SendAsync(HttpMethod.Delete, $"resource_providers/{uuid}", "1.0", null)).Should().Be(HttpStatusCode.NoContent);
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request(HttpMethod method, string path, string microversion)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Auth-Token", "admin");
        request.Headers.Add("OpenStack-API-Version", "placement " + microversion);
        return request;
    }
}
