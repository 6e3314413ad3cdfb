using Microsoft.Extensions.Options;

namespace Nova.Resources.Overview;

/// <summary>Checks the overview's intervals at start-up.</summary>
internal sealed class OverviewOptionsValidator : IValidateOptions<OverviewOptions>
{
    public ValidateOptionsResult Validate(string? name, OverviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.RefreshInterval <= TimeSpan.Zero || options.RefreshInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Overview:RefreshInterval must be more than 0 and at most 01:00:00; it is {options.RefreshInterval}.");
        }

        if (options.StaleAfter <= TimeSpan.Zero)
        {
            failures.Add($"Overview:StaleAfter must be more than 0; it is {options.StaleAfter}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
