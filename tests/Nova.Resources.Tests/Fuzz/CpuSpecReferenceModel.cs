using System.Numerics;

namespace Nova.Resources.Tests.Fuzz;

/// <summary>
/// A deliberately plain model of Nova's <c>parse_cpu_spec</c> (string splits, <see cref="BigInteger"/> numbers, and
/// boolean arrays filled at the end), restricted the way <see cref="CpuSet.Parse(string)"/> documents: ASCII digits
/// and ASCII whitespace only, ids above <see cref="CpuSet.MaxCpuId"/> rejected. Meant for small inputs.
/// </summary>
internal static class CpuSpecReferenceModel
{
    /// <summary>The model's answer: a set, or the first failing rule (its kind, text and offset).</summary>
    /// <remarks><see cref="Runs"/> are the set's maximal runs of consecutive ids, ascending.</remarks>
    internal sealed record Outcome(List<(int First, int Last)>? Runs, string? Kind, string? Rule, int Offset, bool AboveBound);

    public static Outcome Parse(string spec)
    {
        var include = new List<(int First, int Last)>();
        var exclude = new List<(int First, int Last)>();
        int offset = 0;
        foreach (string raw in spec.Split(','))
        {
            int leading = raw.Length - raw.TrimStart(AsciiWhiteSpace).Length;
            string rule = raw.Trim(AsciiWhiteSpace);
            int ruleOffset = offset + leading;
            offset += raw.Length + 1;
            if (rule.Length == 0)
            {
                continue;
            }

            string? kind;
            bool ok;
            BigInteger first = 0;
            BigInteger last = 0;
            bool reject = false;
            int dash = rule.IndexOf('-', StringComparison.Ordinal);
            if (dash >= 0)
            {
                kind = "range";
                string head = rule[..dash];
                if (head.Length > 0 && head[0] == '^')
                {
                    reject = true;
                    head = head[1..];
                }

                ok = PythonInt(head, out first) && PythonInt(rule[(dash + 1)..], out last) && first <= last;
            }
            else if (rule[0] == '^')
            {
                kind = "exclusion";
                reject = true;
                ok = PythonInt(rule[1..], out first);
                last = first;
            }
            else
            {
                kind = "inclusion";
                ok = PythonInt(rule, out first);
                last = first;
            }

            if (!ok)
            {
                return new Outcome(null, kind, rule, ruleOffset, false);
            }

            if (last > CpuSet.MaxCpuId)
            {
                return new Outcome(null, kind, rule, ruleOffset, true);
            }

            (reject ? exclude : include).Add(((int)first, (int)last));
        }

        // Set difference on merged interval lists: walk the ids of each included run, skipping excluded runs.
        var result = new List<(int First, int Last)>();
        var excluded = Merge(exclude);
        foreach (var (first, last) in Merge(include))
        {
            int next = first;
            foreach (var (xFirst, xLast) in excluded)
            {
                if (xLast < next || xFirst > last)
                {
                    continue;
                }

                if (xFirst > next)
                {
                    result.Add((next, xFirst - 1));
                }

                next = xLast + 1;
            }

            if (next <= last)
            {
                result.Add((next, last));
            }
        }

        return new Outcome(result, null, null, -1, false);
    }

    /// <summary>Sorts intervals and merges the ones that overlap or touch.</summary>
    private static List<(int First, int Last)> Merge(List<(int First, int Last)> intervals)
    {
        var merged = new List<(int First, int Last)>();
        foreach (var (first, last) in intervals.OrderBy(r => r.First))
        {
            if (merged.Count > 0 && first <= merged[^1].Last + 1)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, last));
            }
            else
            {
                merged.Add((first, last));
            }
        }

        return merged;
    }

    /// <summary>Groups ascending ids into maximal runs of consecutive ids.</summary>
    public static List<(int First, int Last)> Runs(IEnumerable<int> ascending)
    {
        var runs = new List<(int First, int Last)>();
        foreach (int cpu in ascending)
        {
            if (runs.Count > 0 && runs[^1].Last == cpu - 1)
            {
                runs[^1] = (runs[^1].First, cpu);
            }
            else
            {
                runs.Add((cpu, cpu));
            }
        }

        return runs;
    }

    private static readonly char[] AsciiWhiteSpace = [' ', '\t', '\n', '\v', '\f', '\r'];

    /// <summary>Python's <c>int(str)</c> over ASCII: surrounding whitespace, an optional sign, one or more digits.</summary>
    private static bool PythonInt(string text, out BigInteger value)
    {
        value = 0;
        string s = text.Trim(AsciiWhiteSpace);
        bool negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.Length == 0)
        {
            return false;
        }

        foreach (char c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }
}
