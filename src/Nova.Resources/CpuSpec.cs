namespace Nova.Resources;

/// <summary>Formats CPU ids as Nova's CPU set specification (<c>nova.virt.hardware.format_cpu_spec</c>).</summary>
public static class CpuSpec
{
    /// <summary>Formats CPU ids exactly as Nova's <c>format_cpu_spec(cpus, allow_ranges)</c> does.</summary>
    /// <param name="cpus">The CPU ids, in any order. A <see cref="CpuSet"/> is formatted without copying.</param>
    /// <param name="allowRanges">
    /// <see langword="true"/> to write consecutive runs as <c>A-B</c> (<c>{1,2,4,6}</c> → <c>1-2,4,6</c>);
    /// <see langword="false"/> to list every id (<c>1,2,4,6</c>).
    /// </param>
    /// <returns>The specification; empty for no ids.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cpus"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An id is negative (Nova would write an unparseable spec such as <c>-1-1</c>).</exception>
    /// <remarks>
    /// Like Nova, a list with duplicates is not de-duplicated: the ids are sorted and a new group starts wherever an id
    /// is not one more than the previous one, so <c>[1, 1, 2]</c> gives <c>1,1-2</c> with ranges and <c>1,1,2</c>
    /// without. Ids above <see cref="CpuSet.MaxCpuId"/> are written as they are (Nova reads them;
    /// <see cref="CpuSet.Parse(string)"/> rejects them).
    /// </remarks>
    public static string Format(IEnumerable<int> cpus, bool allowRanges = true)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        if (cpus is CpuSet set)
        {
            return set.Format(allowRanges);
        }

        int[] sorted = [.. cpus];
        foreach (int cpu in sorted)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(cpu, nameof(cpus));
        }

        if (sorted.Length == 0)
        {
            return string.Empty;
        }

        Array.Sort(sorted);
        int length = -1;
        int index = 0;
        while (index < sorted.Length)
        {
            index = NextGroup(sorted, index, allowRanges, out int first, out int last);
            length += 1 + CpuSpecWriter.DigitCount((uint)first) + (last > first ? 1 + CpuSpecWriter.DigitCount((uint)last) : 0);
        }

        return string.Create(length, (Sorted: sorted, Ranges: allowRanges), static (span, state) =>
        {
            int at = 0;
            int index = 0;
            while (index < state.Sorted.Length)
            {
                index = NextGroup(state.Sorted, index, state.Ranges, out int first, out int last);
                CpuSpecWriter.TryWriteRun(span, ref at, first, last);
            }
        });
    }

    /// <summary>
    /// Reads Nova's group starting at <paramref name="index"/> of the sorted ids: a run where each id is one more than
    /// the previous one (a single id without ranges). Returns the index after the group.
    /// </summary>
    private static int NextGroup(int[] sorted, int index, bool allowRanges, out int first, out int last)
    {
        int j = index;
        while (allowRanges && j + 1 < sorted.Length && (long)sorted[j + 1] - 1 == sorted[j])
        {
            j++;
        }

        first = sorted[index];
        last = sorted[j];
        return j + 1;
    }
}
