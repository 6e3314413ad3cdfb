namespace Nova.Resources;

/// <summary>The first failing rule of a CPU set specification: what kind of rule, where, and whether it broke the id bound.</summary>
internal struct CpuSpecError
{
    public CpuSpecRuleKind Kind;
    public bool AboveBound;
    public int RuleStart;
    public int RuleLength;

    /// <summary>Builds the exception for this error in <paramref name="input"/> (see <see cref="CpuSpecFormatException"/>).</summary>
    public readonly CpuSpecFormatException ToException(ReadOnlySpan<char> input)
    {
        ReadOnlySpan<char> rule = input.Slice(RuleStart, RuleLength);
        string kind = Kind switch
        {
            CpuSpecRuleKind.Range => "range",
            CpuSpecRuleKind.Exclusion => "exclusion",
            _ => "inclusion",
        };

        // Nova's message quotes the whole rule; past the documented length only its start is quoted, with its
        // length and offset, so that a huge input cannot make a huge message (the rule itself stays on the exception).
        string message = rule.Length <= CpuSpecFormatException.MaxQuotedRuleLength
            ? $"Invalid {kind} expression {PythonRepr.Quote(rule)}"
            : $"Invalid {kind} expression {PythonRepr.Quote(rule, CpuSpecFormatException.MaxQuotedRuleLength)}"
                + $" (the start of a rule of {rule.Length} characters at offset {RuleStart})";
        if (AboveBound)
        {
            message += $": CPU ids above {CpuSet.MaxCpuId} are not supported";
        }

        return new CpuSpecFormatException(message, rule.ToString(), RuleStart);
    }
}
