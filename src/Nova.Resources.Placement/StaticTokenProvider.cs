using Microsoft.Extensions.Options;

namespace Nova.Resources.Placement;

/// <summary>The default token provider: <see cref="PlacementOptions.Token"/>, as configured.</summary>
internal sealed class StaticTokenProvider(IOptionsMonitor<PlacementOptions> options) : IPlacementTokenProvider
{
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(options.CurrentValue.Token ?? string.Empty);
}
