namespace Nova.Resources;

/// <content>Set algebra on two <see cref="CpuSet"/> bitmaps, a word at a time.</content>
public sealed partial class CpuSet
{
    /// <summary>Returns whether every CPU of this set is also in <paramref name="other"/>.</summary>
    /// <param name="other">The other set.</param>
    /// <returns><see langword="true"/> when this set is a subset of <paramref name="other"/>.</returns>
    public bool IsSubsetOf(CpuSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ReadOnlySpan<ulong> mine = Words;
        ReadOnlySpan<ulong> theirs = other.Words;
        for (int i = 0; i < mine.Length; i++)
        {
            if ((mine[i] & ~(i < theirs.Length ? theirs[i] : 0)) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns whether this set and <paramref name="other"/> share at least one CPU.</summary>
    /// <param name="other">The other set.</param>
    /// <returns><see langword="true"/> when the sets overlap.</returns>
    public bool Overlaps(CpuSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ReadOnlySpan<ulong> mine = Words;
        ReadOnlySpan<ulong> theirs = other.Words;
        int n = Math.Min(mine.Length, theirs.Length);
        for (int i = 0; i < n; i++)
        {
            if ((mine[i] & theirs[i]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the CPUs that are in this set or in <paramref name="other"/>.</summary>
    /// <param name="other">The other set.</param>
    /// <returns>The union.</returns>
    public CpuSet Union(CpuSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ReadOnlySpan<ulong> mine = Words;
        ReadOnlySpan<ulong> theirs = other.Words;
        ReadOnlySpan<ulong> longer = mine.Length >= theirs.Length ? mine : theirs;
        ReadOnlySpan<ulong> shorter = mine.Length >= theirs.Length ? theirs : mine;
        Span<ulong> words = longer.Length <= 16 ? stackalloc ulong[longer.Length] : new ulong[longer.Length];
        longer.CopyTo(words);
        for (int i = 0; i < shorter.Length; i++)
        {
            words[i] |= shorter[i];
        }

        return FromWords(words);
    }

    /// <summary>Returns the CPUs that are in both this set and <paramref name="other"/>.</summary>
    /// <param name="other">The other set.</param>
    /// <returns>The intersection.</returns>
    public CpuSet Intersect(CpuSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ReadOnlySpan<ulong> mine = Words;
        ReadOnlySpan<ulong> theirs = other.Words;
        int n = Math.Min(mine.Length, theirs.Length);
        Span<ulong> words = n <= 16 ? stackalloc ulong[n] : new ulong[n];
        for (int i = 0; i < n; i++)
        {
            words[i] = mine[i] & theirs[i];
        }

        return FromWords(words);
    }

    /// <summary>Returns the CPUs of this set that are not in <paramref name="other"/>.</summary>
    /// <param name="other">The other set.</param>
    /// <returns>The difference.</returns>
    public CpuSet Except(CpuSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ReadOnlySpan<ulong> mine = Words;
        ReadOnlySpan<ulong> theirs = other.Words;
        Span<ulong> words = mine.Length <= 16 ? stackalloc ulong[mine.Length] : new ulong[mine.Length];
        mine.CopyTo(words);
        int n = Math.Min(words.Length, theirs.Length);
        for (int i = 0; i < n; i++)
        {
            words[i] &= ~theirs[i];
        }

        return FromWords(words);
    }
}
