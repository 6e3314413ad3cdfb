namespace Nova.Resources.Tracking;

/// <summary>One resource of Nova's claim test.</summary>
/// <param name="Type">Nova's name for it (<c>memory</c>, <c>disk</c>, <c>vcpu</c>).</param>
/// <param name="Unit">Its unit as Nova's messages write it.</param>
/// <param name="Total">The node's total.</param>
/// <param name="Used">What is used.</param>
/// <param name="Requested">What the request needs.</param>
/// <param name="Limit">The limit tested against; <see langword="null"/> means unlimited (Nova's <c>limit is None</c>).</param>
/// <param name="Free">The limit less what is used; <see langword="null"/> when unlimited.</param>
internal sealed record ClaimCheck(string Type, string Unit, long Total, long Used, long Requested, double? Limit, double? Free)
{
    /// <summary>Gets a value indicating whether the request fits this resource.</summary>
    public bool Fits => Free is not { } free || Requested <= free;
}
