using System.Buffers;
using System.Numerics;
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
            // Small sets: measure, then write straight into the new string.
            return IsEmpty ? string.Empty : string.Create(SmallLength(ranges), (Set: this, Ranges: ranges), static (span, state) => state.Set.TryFormatCore(span, state.Ranges, out _));
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

    private bool TryFormatCore(Span<char> destination, bool ranges, out int charsWritten)
    {
        int at = 0;
        charsWritten = 0;
        if (ranges)
        {
            // Walk each word's runs of set bits, joining a run that carries on into the next word.
            ulong[] words = _words;
            int runFirst = -1;
            int runLast = -2;
            for (int w = 0; w < words.Length; w++)
            {
                ulong bits = words[w];
                while (bits != 0)
                {
                    int bit = BitOperations.TrailingZeroCount(bits);
                    int ones = BitOperations.TrailingZeroCount(~(bits >> bit));
                    int first = (w << 6) + bit;
                    if (first != runLast + 1)
                    {
                        if (runFirst >= 0 && !TryWriteRun(destination, ref at, runFirst, runLast))
                        {
                            return false;
                        }

                        runFirst = first;
                    }

                    runLast = first + ones - 1;
                    bits = bit + ones >= 64 ? 0 : bits & (ulong.MaxValue << (bit + ones));
                }
            }

            if (runFirst >= 0 && !TryWriteRun(destination, ref at, runFirst, runLast))
            {
                return false;
            }
        }
        else
        {
            foreach (int cpu in this)
            {
                if (!TryWriteRun(destination, ref at, cpu, cpu))
                {
                    return false;
                }
            }
        }

        charsWritten = at;
        return true;
    }

    /// <summary>Writes <c>,</c> (unless first), then <c>first</c> or <c>first-last</c>; nothing when it does not fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryWriteRun(Span<char> destination, ref int at, int first, int last)
    {
        int separator = at > 0 ? 1 : 0;
        int firstDigits = DigitCount((uint)first);
        int lastDigits = last > first ? DigitCount((uint)last) : 0;
        int end = at + separator + firstDigits + (lastDigits > 0 ? lastDigits + 1 : 0);
        if ((uint)end > (uint)destination.Length)
        {
            return false;
        }

        ref char start = ref MemoryMarshal.GetReference(destination);
        int i = at;
        if (separator != 0)
        {
            Unsafe.Add(ref start, i++) = ',';
        }

        i += firstDigits;
        WriteDigits(ref start, i, (uint)first);
        if (lastDigits > 0)
        {
            Unsafe.Add(ref start, i) = '-';
            WriteDigits(ref start, end, (uint)last);
        }

        at = end;
        return true;
    }

    /// <summary>Writes the digits of <paramref name="value"/> so that they end just before index <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDigits(ref char start, int end, uint value)
    {
        // Two digits at a time, as one 32-bit store of two UTF-16 chars; the caller checked the bounds.
        int i = end;
        while (value >= 100)
        {
            (value, uint pair) = Math.DivRem(value, 100);
            i -= 2;
            Unsafe.WriteUnaligned(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref start, i)), TwoDigitChars[(int)pair]);
        }

        if (value >= 10)
        {
            Unsafe.WriteUnaligned(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref start, i - 2)), TwoDigitChars[(int)value]);
        }
        else
        {
            Unsafe.Add(ref start, i - 1) = (char)('0' + value);
        }
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

    private int SmallLength(bool ranges)
    {
        int length = -1;
        if (ranges)
        {
            int position = 0;
            while (NextRun(ref position, out int first, out int last))
            {
                length += 1 + DigitCount((uint)first) + (last > first ? 1 + DigitCount((uint)last) : 0);
            }
        }
        else
        {
            foreach (int cpu in this)
            {
                length += 1 + DigitCount((uint)cpu);
            }
        }

        return length;
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

        first = (index << 6) + BitOperations.TrailingZeroCount(bits);
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

        last = (index << 6) + BitOperations.TrailingZeroCount(gaps) - 1;
        position = last + 1;
        return true;
    }
}
