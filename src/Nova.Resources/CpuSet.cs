using System.Collections;
using System.Numerics;

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

    private readonly ulong[] _words;

    private CpuSet(ulong[] words, int count)
    {
        _words = words;
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
            for (int i = 0; i < _words.Length; i++)
            {
                if (_words[i] != 0)
                {
                    return (i << 6) + BitOperations.TrailingZeroCount(_words[i]);
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
            for (int i = _words.Length - 1; i >= 0; i--)
            {
                if (_words[i] != 0)
                {
                    return (i << 6) + 63 - BitOperations.LeadingZeroCount(_words[i]);
                }
            }

            throw new InvalidOperationException("The CPU set is empty.");
        }
    }

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

        var words = new ulong[(max >> 6) + 1];
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
        var words = new ulong[(last >> 6) + 1];
        SetRange(words, first, last);
        return new CpuSet(words, last - first + 1);
    }

    /// <summary>Returns whether the set holds the given CPU id.</summary>
    /// <param name="cpu">The CPU id.</param>
    /// <returns><see langword="true"/> when the set holds it.</returns>
    public bool Contains(int cpu)
    {
        int word = cpu >> 6;
        return cpu >= 0 && word < _words.Length && (_words[word] & (1UL << cpu)) != 0;
    }

    /// <summary>Returns whether every CPU of this set is also in <paramref name="other"/>.</summary>
    /// <param name="other">The other set.</param>
    /// <returns><see langword="true"/> when this set is a subset of <paramref name="other"/>.</returns>
    public bool IsSubsetOf(CpuSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < _words.Length; i++)
        {
            ulong theirs = i < other._words.Length ? other._words[i] : 0;
            if ((_words[i] & ~theirs) != 0)
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
        int n = Math.Min(_words.Length, other._words.Length);
        for (int i = 0; i < n; i++)
        {
            if ((_words[i] & other._words[i]) != 0)
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
        var (longer, shorter) = _words.Length >= other._words.Length ? (_words, other._words) : (other._words, _words);
        var words = (ulong[])longer.Clone();
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
        var words = new ulong[Math.Min(_words.Length, other._words.Length)];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = _words[i] & other._words[i];
        }

        return FromWords(words);
    }

    /// <summary>Returns the CPUs of this set that are not in <paramref name="other"/>.</summary>
    /// <param name="other">The other set.</param>
    /// <returns>The difference.</returns>
    public CpuSet Except(CpuSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var words = (ulong[])_words.Clone();
        int n = Math.Min(words.Length, other._words.Length);
        for (int i = 0; i < n; i++)
        {
            words[i] &= ~other._words[i];
        }

        return FromWords(words);
    }

    /// <summary>Returns an enumerator over the CPU ids in ascending order; it allocates nothing.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(_words);

    IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(CpuSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        int n = Math.Max(_words.Length, other._words.Length);
        for (int i = 0; i < n; i++)
        {
            ulong a = i < _words.Length ? _words[i] : 0;
            ulong b = i < other._words.Length ? other._words[i] : 0;
            if (a != b)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CpuSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        int last = _words.Length - 1;
        while (last >= 0 && _words[last] == 0)
        {
            last--;
        }

        for (int i = 0; i <= last; i++)
        {
            hash.Add(_words[i]);
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

    /// <summary>Builds a set from a bitmap the caller gives up; trailing zero words are trimmed.</summary>
    internal static CpuSet FromWords(ulong[] words)
    {
        int count = 0;
        int last = -1;
        for (int i = 0; i < words.Length; i++)
        {
            if (words[i] != 0)
            {
                count += BitOperations.PopCount(words[i]);
                last = i;
            }
        }

        if (count == 0)
        {
            return Empty;
        }

        if (last + 1 != words.Length)
        {
            Array.Resize(ref words, last + 1);
        }

        return new CpuSet(words, count);
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

    /// <summary>Enumerates the CPU ids of a <see cref="CpuSet"/> in ascending order.</summary>
    public struct Enumerator : IEnumerator<int>
    {
        private readonly ulong[] _words;
        private int _wordIndex;
        private ulong _remaining;

        internal Enumerator(ulong[] words)
        {
            _words = words;
            _wordIndex = -1;
            _remaining = 0;
            Current = -1;
        }

        /// <summary>Gets the current CPU id.</summary>
        public int Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        /// <summary>Advances to the next CPU id.</summary>
        /// <returns><see langword="false"/> at the end.</returns>
        public bool MoveNext()
        {
            while (_remaining == 0)
            {
                if (++_wordIndex >= _words.Length)
                {
                    return false;
                }

                _remaining = _words[_wordIndex];
            }

            int bit = BitOperations.TrailingZeroCount(_remaining);
            _remaining &= _remaining - 1;
            Current = (_wordIndex << 6) + bit;
            return true;
        }

        /// <summary>Restarts the enumeration.</summary>
        public void Reset()
        {
            _wordIndex = -1;
            _remaining = 0;
            Current = -1;
        }

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
