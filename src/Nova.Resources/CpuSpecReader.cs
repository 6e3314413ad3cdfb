using System.Runtime.CompilerServices;

namespace Nova.Resources;

/// <summary>
/// Nova's <c>parse_cpu_spec</c> rule logic, for every rule the fast path (<see cref="CpuSpecFastPath"/>) does not take:
/// whitespace, signs, leading zeros, empty rules, ids above the bound and every error.
/// </summary>
internal static class CpuSpecReader
{
    /// <summary>
    /// Reads the rule at <paramref name="position"/> (up to the next comma or the end), stripped of ASCII whitespace;
    /// skips it when empty, applies it, or reports why it is invalid. On success <paramref name="position"/> moves
    /// past the rule's comma (or to the end).
    /// </summary>
    public static bool ReadRule(ReadOnlySpan<char> s, ref int position, ref CpuSetBitmap include, ref CpuSetBitmap exclude, out CpuSpecError error)
    {
        error = default;
        int comma = s[position..].IndexOf(',');
        int end = comma < 0 ? s.Length : position + comma;
        int start = position;
        while (start < end && IsWhiteSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(s[end - 1]))
        {
            end--;
        }

        position = comma < 0 ? s.Length : position + comma + 1;
        if (start == end || ApplyRule(s[start..end], ref include, ref exclude, ref error))
        {
            return true;
        }

        error.RuleStart = start;
        error.RuleLength = end - start;
        return false;
    }

    /// <summary>Strips ASCII whitespace from both ends, as Python's <c>str.strip()</c> does for ASCII.</summary>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> text)
    {
        int start = 0;
        int end = text.Length;
        while (start < end && IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>ASCII whitespace only: space, tab, line feed, vertical tab, form feed, carriage return.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWhiteSpace(char c) => c == ' ' || (uint)(c - '\t') <= '\r' - '\t';

    /// <summary>Applies one stripped, non-empty rule exactly as Nova does: split on the first <c>-</c>, else <c>^N</c>, else <c>N</c>.</summary>
    private static bool ApplyRule(ReadOnlySpan<char> rule, ref CpuSetBitmap include, ref CpuSetBitmap exclude, ref CpuSpecError error)
    {
        int dash = rule.IndexOf('-');
        bool reject = rule[0] == '^';
        CpuSpecNumber first;
        CpuSpecNumber last;
        if (dash >= 0)
        {
            error.Kind = CpuSpecRuleKind.Range;
            if (!CpuSpecNumber.TryParse(rule[(reject ? 1 : 0)..dash], allowMinus: false, out first)
                || !CpuSpecNumber.TryParse(rule[(dash + 1)..], allowMinus: true, out last)
                || CpuSpecNumber.IsGreater(first, last))
            {
                return false;
            }
        }
        else
        {
            error.Kind = reject ? CpuSpecRuleKind.Exclusion : CpuSpecRuleKind.Inclusion;
            if (!CpuSpecNumber.TryParse(rule[(reject ? 1 : 0)..], allowMinus: false, out first))
            {
                return false;
            }

            last = first;
        }

        // The start of a valid range is not above its end, so checking the end bounds both.
        if (last.Value > CpuSet.MaxCpuId)
        {
            error.AboveBound = true;
            return false;
        }

        (reject ? ref exclude : ref include).SetRange(first.Value, last.Value);
        return true;
    }
}
