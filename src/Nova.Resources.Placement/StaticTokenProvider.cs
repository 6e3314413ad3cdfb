using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Nova.Resources.Placement;

/// <summary>The default token provider: <see cref="PlacementOptions.Token"/>, as configured.</summary>
/// <remarks>
/// The options are looked up when a token is asked for, not injected: the options validator checks whether this
/// provider is the one in use, and the options depend on their validators.
/// </remarks>
internal sealed class StaticTokenProvider(IServiceProvider services) : IPlacementTokenProvider
{
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
        => ValueTask.FromResult(services.GetRequiredService<IOptionsMonitor<PlacementOptions>>().CurrentValue.Token ?? string.Empty);
}
