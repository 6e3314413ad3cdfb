namespace Nova.Resources.Placement;

/// <summary>
/// Gives the token sent as <c>X-Auth-Token</c> to Placement, for example a Keystone token that it obtains and
/// renews itself. Register one as a singleton before <c>AddPlacement</c>; without one,
/// <see cref="PlacementOptions.Token"/> is sent.
/// </summary>
public interface IPlacementTokenProvider
{
    /// <summary>Returns the token for the next request; called once per HTTP attempt, so cache it.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token.</returns>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
}
