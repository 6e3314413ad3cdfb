using System.Buffers;
using System.Runtime.CompilerServices;

namespace Nova.Resources;

/// <summary>
/// A bitmap being built by the parser: starts in a small caller-provided (stack) buffer and moves to a pooled buffer
/// of <see cref="MaxWords"/> words when an id needs it. Call <see cref="Dispose"/> to give the pooled buffer back.
/// </summary>
internal ref struct CpuSetBitmap
{
    /// <summary>The words of a bitmap holding every id up to <see cref="CpuSet.MaxCpuId"/>.</summary>
    public const int MaxWords = (CpuSet.MaxCpuId >> 6) + 1;

    /// <summary>The size of the caller's first buffer: ids below 1024 without touching the pool.</summary>
    public const int InlineWords = 16;

    private Span<ulong> _words;
    private ulong[]? _rented;
    private int _used;

    /// <summary>Initializes a new instance of the <see cref="CpuSetBitmap"/> struct over a zeroed buffer.</summary>
    public CpuSetBitmap(Span<ulong> zeroed)
    {
        _words = zeroed;
    }

    /// <summary>Gets the words written so far (the rest are zero).</summary>
    public readonly Span<ulong> Used => _words[.._used];

    /// <summary>Gets the whole buffer, for a writer that reports what it used with <see cref="MarkUsed"/>.</summary>
    public readonly Span<ulong> Capacity => _words;

    /// <summary>Records that the first <paramref name="words"/> words (within <see cref="Capacity"/>) may hold ids.</summary>
    public void MarkUsed(int words) => _used = Math.Max(_used, words);

    /// <summary>Sets every id from <paramref name="first"/> to <paramref name="last"/> (both within the bound, first &lt;= last).</summary>
    public void SetRange(int first, int last)
    {
        int lastWord = last >> 6;
        Reserve(lastWord);
        CpuSet.SetRange(_words, first, last);
    }

    /// <summary>ORs <paramref name="bits"/> into word <paramref name="word"/> (below <see cref="MaxWords"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Or(int word, ulong bits)
    {
        Reserve(word);
        _words[word] |= bits;
    }

    /// <summary>ORs the first two words (ids below 128) with <paramref name="bits"/>.</summary>
    public void Or(UInt128 bits)
    {
        if (bits != 0)
        {
            Or(0, (ulong)bits);
            Or(1, (ulong)(bits >> 64));
        }
    }

    /// <summary>Clears, in this bitmap, every bit set in <paramref name="other"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Except(in CpuSetBitmap other)
    {
        Span<ulong> mine = Used;
        ReadOnlySpan<ulong> theirs = other.Used;
        int n = Math.Min(mine.Length, theirs.Length);
        for (int i = 0; i < n; i++)
        {
            mine[i] &= ~theirs[i];
        }
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<ulong>.Shared.Return(_rented);
            _rented = null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reserve(int word)
    {
        if (word >= _used)
        {
            if (word >= _words.Length)
            {
                Grow();
            }

            _used = word + 1;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        _rented = ArrayPool<ulong>.Shared.Rent(MaxWords);
        Span<ulong> words = _rented.AsSpan(0, MaxWords);
        _words[.._used].CopyTo(words);
        words[_used..].Clear();
        _words = words;
    }
}
