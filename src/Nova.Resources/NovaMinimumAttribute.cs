using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Nova.Resources;

/// <summary>
/// Validates that a number option is at least a minimum, with oslo.config's message naming Nova's option
/// name, followed by the value: <c>Value for option reserved_host_memory_mb is not valid: Should be greater
/// than or equal to 0 (value: -1)</c>. A <see langword="null"/> value is valid (the option is unset);
/// NaN and the infinities (which <c>1e309</c> reads as) are not: a ratio of infinity would grant any claim.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class NovaMinimumAttribute(string optionName, double minimum) : ValidationAttribute
{
    public string OptionName { get; } = optionName;

    public double Minimum { get; } = minimum;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
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
                return new ValidationResult($"Value for option {OptionName} is not valid: not a number");
        }

        if (number >= Minimum && double.IsFinite(number))
        {
            return ValidationResult.Success;
        }

        return new ValidationResult(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Value for option {OptionName} is not valid: Should be {(double.IsInfinity(number) ? "a finite number" : "greater than or equal to " + Minimum.ToString(CultureInfo.InvariantCulture))} (value: {value})"));
    }
}
