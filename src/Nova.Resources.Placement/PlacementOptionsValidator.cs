using System.Globalization;
using Microsoft.Extensions.Options;

namespace Nova.Resources.Placement;

/// <summary>
/// Validates <see cref="PlacementOptions"/> at start-up: every failure is reported, each naming the .NET configuration
/// key first and Nova's option beside it.
/// </summary>
internal sealed class PlacementOptionsValidator(IPlacementTokenProvider tokenProvider) : IValidateOptions<PlacementOptions>
{
    public ValidateOptionsResult Validate(string? name, PlacementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.Endpoint is null)
        {
            failures.Add("Placement:Endpoint is required: the Placement API's URL, such as http://controller:8778 (Nova: [placement] endpoint_override).");
        }
        else if (!options.Endpoint.IsAbsoluteUri || (options.Endpoint.Scheme != Uri.UriSchemeHttp && options.Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Placement:Endpoint must be an absolute http or https URL, not '{options.Endpoint.OriginalString}' (Nova: [placement] endpoint_override).");
        }

        if (tokenProvider is StaticTokenProvider && string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add("Placement:Token is required unless an IPlacementTokenProvider is registered: it is sent as X-Auth-Token (Nova: [placement] token).");
        }
        else if (options.Token is { } token && token.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            failures.Add("Placement:Token must not contain a line break (Nova: [placement] token).");
        }

        if (options.AssociationRefresh < TimeSpan.Zero || options.AssociationRefresh > TimeSpan.FromDays(1))
        {
            failures.Add(Format("Placement:AssociationRefresh must be between 00:00:00 and 1.00:00:00, not {0}; write seconds as hh:mm:ss, e.g. 00:05:00 (Nova: [compute] resource_provider_association_refresh).", options.AssociationRefresh));
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromHours(1))
        {
            failures.Add(Format("Placement:RequestTimeout must be more than 00:00:00 and at most 01:00:00, not {0} (Nova: [placement] timeout).", options.RequestTimeout));
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add(Format("Placement:MaxRetryAttempts must be between 0 and 10, not {0} (Nova: [placement] status_code_retries).", options.MaxRetryAttempts));
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add(Format("Placement:RetryDelay must be between 00:00:00 and 00:01:00, not {0} (Nova: [placement] status_code_retry_delay).", options.RetryDelay));
        }

        foreach (var trait in options.AdditionalTraits)
        {
            if (!Traits.IsValidName(trait))
            {
                failures.Add($"Placement:AdditionalTraits has '{trait}': a trait name is 1 to 255 of A-Z, 0-9 and _ (Nova: provider config traits.additional).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Format<T>(string format, T value) => string.Format(CultureInfo.InvariantCulture, format, value);
}
