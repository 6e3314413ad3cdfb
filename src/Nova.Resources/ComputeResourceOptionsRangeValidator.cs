using Microsoft.Extensions.Options;

namespace Nova.Resources;

/// <summary>
/// The source-generated validator of the simple ranges of <see cref="ComputeResourceOptions"/> (the
/// <see cref="NovaMinimumAttribute"/> on reservations and ratios). Not registered itself:
/// <see cref="ComputeResourceOptionsValidator"/> runs it and names the options by their configuration keys.
/// </summary>
[OptionsValidator]
internal sealed partial class ComputeResourceOptionsRangeValidator : IValidateOptions<ComputeResourceOptions>
{
}
