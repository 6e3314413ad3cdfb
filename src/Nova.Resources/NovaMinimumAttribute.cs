using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Nova.Resources;

/// <summary>
/// Validates that a number option is at least a minimum, with oslo.config's message naming the property and
/// Nova's option name beside it, followed by the value: <c>Value for option ReservedHostMemoryMb
/// (reserved_host_memory_mb) is not valid: Should be greater than or equal to 0 (value: -1)</c>
/// (<see cref="ComputeResourceOptionsValidator"/> puts the configuration section before the property). A
/// <see langword="null"/> value is valid (the option is unset); NaN is not.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class NovaMinimumAttribute(string optionName, double minimum) : ValidationAttribute
{
    public string OptionName { get; } = optionName;

    public double Minimum { get; } = minimum;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var keys = ComputeResourceOptionKeys.Unbound;
        string property = validationContext.MemberName ?? validationContext.DisplayName;
        double number;
        switch (value)
        {
            case null:
                return ValidationResult.Success;
            case int i:
                number = i;
                break;
            case long l:
                number = l;
                break;
            case double d:
                number = d;
                break;
            default:
                return new ValidationResult(keys.Invalid(property, OptionName, "not a number"));
        }

        if (number >= Minimum)
        {
            return ValidationResult.Success;
        }

        return new ValidationResult(keys.Invalid(
            property,
            OptionName,
            string.Create(CultureInfo.InvariantCulture, $"Should be greater than or equal to {Minimum} (value: {value})")));
    }
}
