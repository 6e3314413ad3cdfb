using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Nova.Resources.Overview;

/// <summary>The page, its assets, <c>GET /api/overview</c> and the live event stream.</summary>
internal static class OverviewEndpoints
{
    private static readonly (string Path, string Resource, string ContentType)[] Assets =
    [
        ("/", "Assets/index.html", "text/html; charset=utf-8"),
        ("/overview.css", "Assets/overview.css", "text/css; charset=utf-8"),
        ("/overview.js", "Assets/overview.js", "text/javascript; charset=utf-8"),
        ("/favicon.svg", "Assets/favicon.svg", "image/svg+xml"),
    ];

    public static WebApplication MapOverview(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var (path, resource, contentType) in Assets)
        {
            byte[] content = ReadAsset(resource);
            app.MapGet(path, (HttpContext context) =>
            {
                // Everything the page needs comes from this app; nothing is loaded from elsewhere.
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
                context.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(content, contentType);
            });
        }

        app.MapGet("/api/overview", async (OverviewReader reader, CancellationToken cancellationToken) =>
        {
            try
            {
                var snapshot = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                return Results.Json(snapshot, OverviewJsonContext.Default.OverviewSnapshot);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return Results.Problem(
                    detail: ex.Message,
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "The compute-node store could not be read.");
            }
        });

        app.MapGet("/api/overview/events", StreamAsync);
        return app;
    }

    /// <summary>Server-sent events: <c>overview</c> with the whole overview when it changed, <c>tick</c> after every other read.</summary>
    private static async Task StreamAsync(HttpContext context, OverviewFeed feed, IHostApplicationLifetime lifetime)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;
        var response = context.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        long seen = -1;
        long seenSnapshot = -1;
        try
        {
            await response.WriteAsync("retry: 2000\n\n", cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var state = await feed.WaitAsync(seen, cancellationToken).ConfigureAwait(false);
                if (state.Snapshot is not null && state.SnapshotVersion != seenSnapshot)
                {
                    await WriteEventAsync(response, "overview", state.Snapshot, cancellationToken).ConfigureAwait(false);
                    seenSnapshot = state.SnapshotVersion;
                }
                else
                {
                    await WriteEventAsync(response, "tick", state.Tick, cancellationToken).ConfigureAwait(false);
                }

                seen = state.Version;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away, or the app is stopping.
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string name, byte[] json, CancellationToken cancellationToken)
    {
        // Compact JSON has no line breaks, so one data line carries it.
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($"event: {name}\ndata: "), cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync("\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static byte[] ReadAsset(string resource)
    {
        using var stream = typeof(OverviewEndpoints).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The page asset {resource} is not embedded in the app.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
