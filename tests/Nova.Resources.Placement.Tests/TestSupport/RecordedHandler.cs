using System.Net;
using System.Text;

namespace Nova.Resources.Placement.Tests.TestSupport;

/// <summary>
/// A recorded Placement conversation for the client's error paths: answers each request with the next recorded response
/// (or exception) and keeps what was sent.
/// </summary>
internal sealed class RecordedHandler : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _answers = new();

    public List<(HttpMethod Method, string PathAndQuery, Dictionary<string, string> Headers, string? Body)> Sent { get; } = [];

    public RecordedHandler Answer(HttpStatusCode status, string? json = null)
    {
        _answers.Enqueue(_ => Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent(json ?? string.Empty, Encoding.UTF8, "application/json"),
            Version = HttpVersion.Version10,
        }));
        return this;
    }

    public RecordedHandler Fail(Exception exception)
    {
        _answers.Enqueue(_ => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>A Placement that accepted the request and never answers: only the client's timeout ends the wait.</summary>
    public RecordedHandler Hang()
    {
        _answers.Enqueue(static async cancellationToken =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    /// <summary>Placement's error body, as its webob layer writes it.</summary>
    public static string Error(int status, string title, string detail, string? code = null)
        => System.Text.Json.JsonSerializer.Serialize(new
        {
            errors = new[] { new { status, title, detail = $"There was a conflict when trying to complete your request.\n\n {detail}  ", code, request_id = "req-recorded" } },
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(static h => h.Key, static h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(",", header.Value);
            }
        }

        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Sent.Add((request.Method, request.RequestUri!.PathAndQuery, headers, body));
        if (!_answers.TryDequeue(out var answer))
        {
            throw new InvalidOperationException($"No recorded answer for {request.Method} {request.RequestUri}");
        }

        return await answer(cancellationToken);
    }
}
