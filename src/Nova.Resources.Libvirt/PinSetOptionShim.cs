using System.Globalization;

namespace Nova.Resources;

// TEMPORARY: stands in for the core package's PinSetOption (branch `parser`) until it is merged; delete this
// file then. Nova's parse_cpu_spec grammar: "N", "A-B", "^N", "^A-B", comma separated, exclusions last.
internal static class PinSetOption
{
    public static CpuSet? Parse(string? value, string optionName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var include = new SortedSet<int>();
        var exclude = new SortedSet<int>();
        foreach (string raw in value.Split(','))
        {
            string rule = raw.Trim();
            if (rule.Length == 0)
            {
                continue;
            }

            bool excluded = rule[0] == '^';
            string body = excluded ? rule[1..] : rule;
            string[] bounds = body.Split('-');
            if (bounds.Length > 2
                || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first)
                || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int last)
                || last < first || last > CpuSet.MaxCpuId)
            {
                throw new FormatException($"Invalid {optionName} '{value}': bad rule '{rule}'.");
            }

            for (int i = first; i <= last; i++)
            {
                (excluded ? exclude : include).Add(i);
            }
        }

        include.ExceptWith(exclude);
        return include.Count == 0 ? throw new FormatException($"No CPUs available after parsing '{value}'") : CpuSet.Create(include);
    }
}
