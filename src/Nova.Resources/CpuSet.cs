using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Nova.Resources;

/// <summary>
/// An immutable set of host CPU ids, as Nova's <c>vcpu_pin_set</c>, <c>[compute] cpu_shared_set</c> and
/// <c>[compute] cpu_dedicated_set</c> describe them.
/// </summary>
/// <remarks>
/// Ids range from 0 to <see cref="MaxCpuId"/>. The set is stored as a bitmap sized to its highest id, so
/// membership is O(1) and ascending enumeration allocates nothing.
/// </remarks>
public sealed partial class CpuSet : IEquatable<CpuSet>, IReadOnlyCollection<int>
{
    /// <summary>
    /// The highest CPU id a set may hold: 65535. Linux supports at most 8192 CPUs and libvirt's cpumask
    /// holds 16384, so this bound is well above any real host while keeping a set at most 8 KiB.
    /// </summary>
    public const int MaxCpuId = 65535;

    /// <summary>The bitmap when it takes more than one word; <see langword="null"/> when <see cref="_low"/> holds it.</summary>
    /// <remarks>A set of ids below 64 (most hosts' pin sets) is then a single object, one allocation.</remarks>
    private readonly ulong[]? _words;

    private readonly ulong _low;

    private CpuSet(ulong[] words, int count)
    {
        _words = words;
        Count = count;
    }

    private CpuSet(ulong low, int count)
    {
        _low = low;
        Count = count;
    }

    /// <summary>The empty set.</summary>
    public static CpuSet Empty { get; } = new([], 0);

    /// <summary>Gets the number of CPUs in the set.</summary>
    public int Count { get; }

    /// <summary>Gets a value indicating whether the set holds no CPU.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Gets the lowest CPU id in the set.</summary>
    /// <exception cref="InvalidOperationException">The set is empty.</exception>
    public int Min
    {
        get
        {
            ReadOnlySpan<ulong> words = Words;
            for (int i = 0; i < words.Length; i++)
            {
                if (words[i] != 0)
                {
                    return (i << 6) + BitOperations.TrailingZeroCount(words[i]);
                }
            }

            throw new InvalidOperationException("The CPU set is empty.");
        }
    }

    /// <summary>Gets the highest CPU id in the set.</summary>
    /// <exception cref="InvalidOperationException">The set is empty.</exception>
    public int Max
    {
        get
        {
            // The bitmap is trimmed: its last word, if any, is not zero.
            ReadOnlySpan<ulong> words = Words;
            return words.IsEmpty
                ? throw new InvalidOperationException("The CPU set is empty.")
                : ((words.Length - 1) << 6) + 63 - BitOperations.LeadingZeroCount(words[^1]);
        }
    }

    /// <summary>Gets the bitmap, trimmed to its highest id (empty for the empty set).</summary>
    internal ReadOnlySpan<ulong> Words => _words ?? new ReadOnlySpan<ulong>(in _low);

    /// <summary>Creates a set holding the given CPU ids (duplicates are ignored).</summary>
    /// <param name="cpus">The CPU ids, each from 0 to <see cref="MaxCpuId"/>.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cpus"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An id is negative or above <see cref="MaxCpuId"/>.</exception>
    public static CpuSet Create(IEnumerable<int> cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        if (cpus is CpuSet set)
        {
            return set;
        }

        if (cpus is not ICollection<int> and not IReadOnlyCollection<int>)
        {
            cpus = [.. cpus]; // enumerate a lazy sequence once
        }

        int max = -1;
        foreach (int cpu in cpus)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(cpu, nameof(cpus));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(cpu, MaxCpuId, nameof(cpus));
            max = Math.Max(max, cpu);
        }

        if (max < 0)
        {
            return Empty;
        }

        Span<ulong> words = max < 1024 ? stackalloc ulong[(max >> 6) + 1] : new ulong[(max >> 6) + 1];
        foreach (int cpu in cpus)
        {
            words[cpu >> 6] |= 1UL << cpu;
        }

        return FromWords(words);
    }

    /// <summary>Creates a set holding every id from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    /// <param name="first">The first id.</param>
    /// <param name="last">The last id; not below <paramref name="first"/>.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id is out of range, or <paramref name="last"/> is below <paramref name="first"/>.</exception>
    public static CpuSet Range(int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, MaxCpuId);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        if (last < 64)
        {
            return new CpuSet((ulong.MaxValue << first) & (ulong.MaxValue >> (63 - last)), last - first + 1);
        }

        var words = new ulong[(last >> 6) + 1];
        SetRange(words, first, last);
        return new CpuSet(words, last - first + 1);
    }

    /// <summary>Returns whether the set holds the given CPU id.</summary>
    /// <param name="cpu">The CPU id.</param>
    /// <returns><see langword="true"/> when the set holds it.</returns>
    public bool Contains(int cpu)
    {
        ReadOnlySpan<ulong> words = Words;
        int word = cpu >> 6;
        return cpu >= 0 && word < words.Length && (words[word] & (1UL << cpu)) != 0;
    }

    /// <summary>Returns an enumerator over the CPU ids in ascending order; it allocates nothing.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(_words, _low);

    IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(CpuSet? other) =>
        ReferenceEquals(this, other) || (other is not null && other.Count == Count && Words.SequenceEqual(other.Words));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CpuSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (ulong word in Words)
        {
            hash.Add(word);
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns whether two sets hold the same CPUs.</summary>
    /// <param name="left">The first set.</param>
    /// <param name="right">The second set.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(CpuSet? left, CpuSet? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Returns whether two sets differ.</summary>
    /// <param name="left">The first set.</param>
    /// <param name="right">The second set.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(CpuSet? left, CpuSet? right) => !(left == right);

    /// <summary>Builds a set of ids below 64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static CpuSet FromWord(ulong word) => word == 0 ? Empty : new CpuSet(word, BitOperations.PopCount(word));

    /// <summary>Builds a set from a bitmap (copied); trailing zero words are trimmed.</summary>
    internal static CpuSet FromWords(ReadOnlySpan<ulong> words)
    {
        int last = words.Length - 1;
        while (last >= 0 && words[last] == 0)
        {
            last--;
        }

        if (last <= 0)
        {
            return last < 0 ? Empty : FromWord(words[0]);
        }

        words = words[..(last + 1)];
        int count = 0;
        foreach (ulong word in words)
        {
            count += BitOperations.PopCount(word);
        }

        return new CpuSet(words.ToArray(), count);
    }

    /// <summary>Sets bits <paramref name="first"/>..<paramref name="last"/> in a bitmap, a word at a time.</summary>
    internal static void SetRange(Span<ulong> words, int first, int last)
    {
        int firstWord = first >> 6;
        int lastWord = last >> 6;
        ulong firstMask = ulong.MaxValue << (first & 63);
        ulong lastMask = ulong.MaxValue >> (63 - (last & 63));
        if (firstWord == lastWord)
        {
            words[firstWord] |= firstMask & lastMask;
            return;
        }

        words[firstWord] |= firstMask;
        words.Slice(firstWord + 1, lastWord - firstWord - 1).Fill(ulong.MaxValue);
        words[lastWord] |= lastMask;
    }
}
