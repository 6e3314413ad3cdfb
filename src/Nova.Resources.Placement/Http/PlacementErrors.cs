using System.Net;
using System.Text.Json;

namespace Nova.Resources.Placement.Http;

/// <summary>Reads Placement's error bodies: <c>{"errors": [{"status", "title", "detail", "code", "request_id"}]}</c>.</summary>
internal static class PlacementErrors
{
    public const string ConcurrentUpdate = "placement.concurrent_update";
    public const string InventoryInUse = "placement.inventory.inuse";
    public const string DuplicateName = "placement.duplicate_name";

    /// <summary>The first error of a body, or <see langword="null"/> when the body is not Placement's error JSON.</summary>
    public static ErrorDto? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var errors = JsonSerializer.Deserialize(text, PlacementJsonContext.Default.ErrorsDto);
            return errors?.Errors is [var first, ..] ? first : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Placement's detail without webob's boilerplate first paragraph ("There was a conflict when trying to complete
    /// your request."), trimmed.
    /// </summary>
    public static string Detail(string detail)
    {
        int split = detail.LastIndexOf("\n\n", StringComparison.Ordinal);
        string last = (split >= 0 ? detail[(split + 2)..] : detail).Trim();
        return last.Length > 0 ? last : detail.Trim();
    }

    /// <summary>What the error means; Placement's own texts where it sends no code (and below microversion 1.23).</summary>
    public static PlacementErrorKind Classify(HttpStatusCode status, string? code, string detail)
    {
        if ((int)status >= 500)
        {
            return PlacementErrorKind.ServerError;
        }

        if (status != HttpStatusCode.Conflict)
        {
            return PlacementErrorKind.Other;
        }

        if (detail.Contains("would exceed the capacity", StringComparison.Ordinal))
        {
            return PlacementErrorKind.CapacityExceeded;
        }

        if (detail.Contains("consumer generation conflict", StringComparison.Ordinal))
        {
            return PlacementErrorKind.ConsumerConflict;
        }

        if (code == InventoryInUse)
        {
            return PlacementErrorKind.InventoryInUse;
        }

        // Nova's test for a name taken by another provider (any other duplicate on POST is our own uuid).
        if (detail.Contains("Conflicting resource provider name:", StringComparison.Ordinal))
        {
            return PlacementErrorKind.DuplicateName;
        }

        return code is null or ConcurrentUpdate ? PlacementErrorKind.ProviderConflict : PlacementErrorKind.Other;
    }
}
