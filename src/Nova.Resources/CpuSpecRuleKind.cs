namespace Nova.Resources;

/// <summary>The three rule shapes of Nova's grammar, as its error messages name them.</summary>
internal enum CpuSpecRuleKind
{
    /// <summary><c>A-B</c> or <c>^A-B</c> (the rule holds a <c>-</c>).</summary>
    Range,

    /// <summary><c>^N</c>.</summary>
    Exclusion,

    /// <summary><c>N</c>.</summary>
    Inclusion,
}
