namespace Nova.Resources;

/// <summary>
/// Reads a pin-set option the way Nova's <c>get_vcpu_pin_set</c>, <c>get_cpu_shared_set</c> and
/// <c>get_cpu_dedicated_set</c> do.
/// </summary>
internal static class PinSetOption
{
    /// <summary>Nova's <c>vcpu_pin_set</c> option, as its messages name it.</summary>
    public const string VcpuPinSet = "vcpu_pin_set";

    /// <summary>Nova's <c>[compute] cpu_shared_set</c> option, as its messages name it.</summary>
    public const string CpuSharedSet = "[compute] cpu_shared_set";

    /// <summary>Nova's <c>[compute] cpu_dedicated_set</c> option, as its messages name it.</summary>
    public const string CpuDedicatedSet = "[compute] cpu_dedicated_set";

    /// <summary>Parses a pin-set option value.</summary>
    /// <param name="value">The raw option value.</param>
    /// <param name="optionName">The option's name as Nova's messages write it (one of the constants).</param>
    /// <returns>
    /// <see langword="null"/> when the option is unset or empty (Nova: <c>if not CONF.x: return None</c>); otherwise
    /// the non-empty set. A value of only whitespace is not empty: it parses to no CPU, which is an error.
    /// </returns>
    /// <exception cref="CpuSpecFormatException">
    /// The value is not a valid spec (Nova's grammar message), or it yields no CPU:
    /// <c>No CPUs available after parsing 'vcpu_pin_set' config, ' '</c> (the raw value as Python's <c>%r</c>
    /// writes it; <see cref="CpuSpecFormatException.Rule"/> is the raw value, at offset 0).
    /// </exception>
    public static CpuSet? Parse(string? value, string optionName)
    {
        ArgumentNullException.ThrowIfNull(optionName);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        CpuSet set = CpuSet.Parse(value);
        if (set.IsEmpty)
        {
            throw new CpuSpecFormatException(
                $"No CPUs available after parsing '{optionName}' config, {QuoteValue(value)}", value, 0);
        }

        return set;
    }

    /// <summary>
    /// Python's <c>%r</c> of an option's value, cut to <see cref="CpuSpecFormatException.MaxQuotedRuleLength"/>
    /// characters with the value's length when longer, so a huge value never makes a huge message.
    /// </summary>
    /// <param name="value">The option's value.</param>
    /// <returns>The quoted value.</returns>
    internal static string QuoteValue(string value)
        => value.Length > CpuSpecFormatException.MaxQuotedRuleLength
            ? $"{PythonRepr.Quote(value, CpuSpecFormatException.MaxQuotedRuleLength)} (a value of {value.Length} characters)"
            : PythonRepr.Quote(value);
}
