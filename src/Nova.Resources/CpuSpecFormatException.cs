namespace Nova.Resources;

/// <summary>
/// The exception thrown when a CPU set specification (Nova's <c>parse_cpu_spec</c> grammar) is invalid, or when a
/// pin-set option yields no CPU.
/// </summary>
/// <remarks>
/// <para>
/// For a grammar error <see cref="Exception.Message"/> is exactly Nova's text, for example
/// <c>Invalid range expression '1-'</c>, <c>Invalid exclusion expression '^x'</c> or
/// <c>Invalid inclusion expression '1 2'</c>: the first offending rule (stripped of surrounding whitespace), quoted
/// the way Python's <c>repr()</c> quotes a string.
/// </para>
/// <para>
/// A CPU id above <see cref="CpuSet.MaxCpuId"/> is reported with the same prefix followed by the bound, for example
/// <c>Invalid inclusion expression '70000': CPU ids above 65535 are not supported</c>.
/// </para>
/// <para>
/// A rule longer than <see cref="MaxQuotedRuleLength"/> characters (Nova would quote it whole, so a 1 MB input
/// would give a message of megabytes) is quoted only up to that length, followed by <c>...</c> and its length and
/// offset, for example <c>Invalid inclusion expression '0000…0000'... (the start of a rule of 1048576 characters at
/// offset 0)</c>. <see cref="Rule"/> always holds the whole rule.
/// </para>
/// </remarks>
public sealed class CpuSpecFormatException : FormatException
{
    /// <summary>The longest rule a message quotes whole: 200 characters.</summary>
    public const int MaxQuotedRuleLength = 200;

    /// <summary>Initializes a new instance of the <see cref="CpuSpecFormatException"/> class.</summary>
    public CpuSpecFormatException()
        : this("The CPU set specification is invalid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CpuSpecFormatException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public CpuSpecFormatException(string message)
        : base(message)
    {
        Rule = string.Empty;
        Offset = -1;
    }

    /// <summary>Initializes a new instance of the <see cref="CpuSpecFormatException"/> class with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CpuSpecFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rule = string.Empty;
        Offset = -1;
    }

    internal CpuSpecFormatException(string message, string rule, int offset)
        : base(message)
    {
        Rule = rule;
        Offset = offset;
    }

    /// <summary>
    /// Gets the offending rule as it appears in the input, without its surrounding whitespace (for an empty pin set:
    /// the whole option value); empty when not known.
    /// </summary>
    public string Rule { get; }

    /// <summary>Gets the zero-based offset of <see cref="Rule"/> in the input; -1 when not known.</summary>
    public int Offset { get; }
}
