using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nova.Resources;

/// <content>Formatting a set back to Nova's CPU set specification (<c>nova.virt.hardware.format_cpu_spec</c>).</content>
public sealed partial class CpuSet : ISpanFormattable
{
    /// <summary>
    /// Returns the set as Nova's <c>format_cpu_spec(cpuset)</c> writes it: ascending, consecutive runs as
    /// <c>A-B</c> (a run of two included), single ids as <c>N</c>, joined by <c>,</c>; the empty set is <c>""</c>.
    /// </summary>
    /// <returns>The specification, for example <c>0-3,8,10-11</c>.</returns>
    public override string ToString() => Format(ranges: true);

    /// <summary>Formats the set as a CPU set specification.</summary>
    /// <param name="format">
    /// <see langword="null"/>, empty or <c>"G"</c>: with ranges (<see cref="ToString()"/>); <c>"L"</c>: every id listed,
    /// as Nova's <c>format_cpu_spec(cpuset, allow_ranges=False)</c>.
    /// </param>
    /// <param name="formatProvider">Ignored: the output is culture-invariant.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="FormatException"><paramref name="format"/> is not one of the supported formats.</exception>
    public string ToString(string? format, IFormatProvider? formatProvider) => Format(UsesRanges(format));

    /// <summary>Writes the set as a CPU set specification into <paramref name="destination"/>, allocating nothing.</summary>
    /// <param name="destination">The buffer to write into.</param>
    /// <param name="charsWritten">The number of characters written; 0 when the buffer is too small.</param>
    /// <param name="format">As for <see cref="ToString(string?, IFormatProvider?)"/>: empty or <c>"G"</c> with ranges, <c>"L"</c> a plain list.</param>
    /// <returns><see langword="true"/> when the whole specification fit.</returns>
    /// <exception cref="FormatException"><paramref name="format"/> is not one of the supported formats.</exception>
    /// <remarks>The output is culture-invariant, so the <see cref="ISpanFormattable"/> provider is ignored.</remarks>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default)
    {
        if (TryFormatCore(destination, UsesRanges(format), out charsWritten))
        {
            return true;
        }

        charsWritten = 0;
        return false;
    }

    /// <inheritdoc />
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten, format);

    internal string Format(bool ranges)
    {
        // Every id takes at most 5 digits and one separator, with or without ranges.
        int bound = Count * 6;
        if (bound <= 96)
        {
            Span<char> buffer = stackalloc char[96];
            TryFormatCore(buffer, ranges, out int written);
            return new string(buffer[..written]);
        }

        char[] rented = ArrayPool<char>.Shared.Rent(bound);
        try
        {
            TryFormatCore(rented, ranges, out int written);
            return new string(rented, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    internal static bool UsesRanges(ReadOnlySpan<char> format) => format switch
    {
        [] or ['G'] or ['g'] => true,
        ['L'] or ['l'] => false,
        _ => throw new FormatException($"The format '{format}' is not supported; use 'G' (ranges) or 'L' (list)."),
    };

    /// <summary>"00".."99" as pairs of UTF-16 chars in one <see cref="uint"/> each (first char in the low half).</summary>
    private static readonly uint[] TwoDigitChars = CreateTwoDigitChars();

    internal static int DigitCount(uint value) => value switch
    {
        < 10 => 1,
        < 100 => 2,
        < 1000 => 3,
        < 10000 => 4,
        < 100000 => 5,
        < 1000000 => 6,
        < 10000000 => 7,
        < 100000000 => 8,
        < 1000000000 => 9,
        _ => 10,
    };

    /// <summary>Writes a non-negative number; false (and nothing written) when it does not fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryWrite(Span<char> destination, ref int at, int value)
    {
        uint remaining = (uint)value;
        int end = at + DigitCount(remaining);
        if ((uint)end > (uint)destination.Length)
        {
            return false;
        }

        // Two digits at a time, as one 32-bit store of two UTF-16 chars; bounds were checked above.
        ref char first = ref MemoryMarshal.GetReference(destination);
        int i = end;
        while (remaining >= 100)
        {
            (remaining, uint pair) = Math.DivRem(remaining, 100);
            i -= 2;
            Unsafe.WriteUnaligned(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref first, i)), TwoDigitChars[(int)pair]);
        }

        if (remaining >= 10)
        {
            Unsafe.WriteUnaligned(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref first, i - 2)), TwoDigitChars[(int)remaining]);
        }
        else
        {
            Unsafe.Add(ref first, i - 1) = (char)('0' + remaining);
        }

        at = end;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryWrite(Span<char> destination, ref int at, char value)
    {
        if (at >= destination.Length)
        {
            return false;
        }

        destination[at++] = value;
        return true;
    }

    private bool TryFormatCore(Span<char> destination, bool ranges, out int charsWritten)
    {
        int at = 0;
        charsWritten = 0;
        if (ranges)
        {
            int position = 0;
            while (NextRun(ref position, out int first, out int last))
            {
                if ((at > 0 && !TryWrite(destination, ref at, ','))
                    || !TryWrite(destination, ref at, first)
                    || (last > first && (!TryWrite(destination, ref at, '-') || !TryWrite(destination, ref at, last))))
                {
                    return false;
                }
            }
        }
        else
        {
            foreach (int cpu in this)
            {
                if ((at > 0 && !TryWrite(destination, ref at, ',')) || !TryWrite(destination, ref at, cpu))
                {
                    return false;
                }
            }
        }

        charsWritten = at;
        return true;
    }

    private static uint[] CreateTwoDigitChars()
    {
        var pairs = new uint[100];
        for (int i = 0; i < pairs.Length; i++)
        {
            uint tens = (uint)('0' + (i / 10));
            uint ones = (uint)('0' + (i % 10));
            pairs[i] = BitConverter.IsLittleEndian ? tens | (ones << 16) : (tens << 16) | ones;
        }

        return pairs;
    }

    /// <summary>Finds the next run of consecutive ids at or after <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool NextRun(ref int position, out int first, out int last)
    {
        first = last = 0;
        int index = position >> 6;
        if (index >= _words.Length)
        {
            return false;
        }

        ulong bits = _words[index] & (ulong.MaxValue << position);
        while (bits == 0)
        {
            if (++index >= _words.Length)
            {
                return false;
            }

            bits = _words[index];
        }

        first = (index << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
        ulong gaps = ~_words[index] & (ulong.MaxValue << first);
        while (gaps == 0)
        {
            if (++index >= _words.Length)
            {
                last = (_words.Length << 6) - 1;
                position = last + 1;
                return true;
            }

            gaps = ~_words[index];
        }

        last = (index << 6) + System.Numerics.BitOperations.TrailingZeroCount(gaps) - 1;
        position = last + 1;
        return true;
    }
}
