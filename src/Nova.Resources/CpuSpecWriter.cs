using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nova.Resources;

/// <summary>
/// Writes a bitmap as Nova's CPU set specification (<c>format_cpu_spec</c>): the exact length first, from population
/// counts, then the text in one pass over the runs, each id below 10000 as one 64-bit store from a table.
/// </summary>
internal static class CpuSpecWriter
{
    /// <summary>The UTF-16 characters of a table entry (its top byte holds the digit count).</summary>
    private const ulong CharsMask = 0x00FF_FFFF_FFFF_FFFFUL;

    /// <summary>"00".."99" as pairs of UTF-16 chars in one <see cref="uint"/> each (first char in the low half).</summary>
    private static readonly uint[] TwoDigitChars = CreateTwoDigitChars();

    /// <summary>"0".."9999": up to four UTF-16 digits (first in the low bits), the digit count in the top byte.</summary>
    // Built from TwoDigitChars, so declared after it.
    private static readonly ulong[] Digits4 = CreateDigits4();

    /// <summary>Returns the length of the specification of <paramref name="words"/>, with or without ranges.</summary>
    public static int Length(ReadOnlySpan<ulong> words, bool ranges)
    {
        if (words.Length == 1 && ranges)
        {
            return LengthOfWord(words[0]);
        }

        // Every run start is preceded by a comma (but the first), every run end that is not its start by a dash.
        int length = -1;
        ulong previous = 0;
        for (int i = 0; i < words.Length; i++)
        {
            ulong word = words[i];
            ulong starts = word;
            ulong endsOnly = 0;
            if (ranges)
            {
                ulong next = i + 1 < words.Length ? words[i + 1] : 0;
                starts = word & ~((word << 1) | (previous >> 63));
                endsOnly = word & ~((word >> 1) | (next << 63)) & ~starts;
            }

            previous = word;
            length += DigitSum(i, starts) + BitOperations.PopCount(starts) + DigitSum(i, endsOnly) + BitOperations.PopCount(endsOnly);
        }

        return Math.Max(length, 0);
    }

    /// <summary>Writes the specification of <paramref name="words"/> into <paramref name="destination"/>, exactly <see cref="Length"/> long.</summary>
    public static void Write(ReadOnlySpan<ulong> words, Span<char> destination, bool ranges)
    {
        if (words.Length == 1 && ranges)
        {
            WriteWord(words[0], destination);
            return;
        }

        ref char d = ref MemoryMarshal.GetReference(destination);
        int fastLimit = destination.Length - 4;
        int at = 0;
        ulong previous = 0;
        for (int i = 0; i < words.Length; i++)
        {
            ulong word = words[i];
            ulong starts = word;
            ulong marks = word;
            if (ranges)
            {
                ulong next = i + 1 < words.Length ? words[i + 1] : 0;
                starts = word & ~((word << 1) | (previous >> 63));
                marks = starts | (word & ~((word >> 1) | (next << 63)));
            }

            previous = word;
            int id = i << 6;
            while (marks != 0)
            {
                int bit = BitOperations.TrailingZeroCount(marks);
                marks &= marks - 1;
                if (at != 0)
                {
                    // ',' before a run's start, '-' before the end of a run of two or more ids.
                    Unsafe.Add(ref d, at++) = (char)('-' - (int)((starts >> bit) & 1));
                }

                at = WriteNumber(ref d, at, id + bit, fastLimit);
            }
        }
    }

    /// <summary>The length of the specification of ids below 64 (most pin sets), with ranges.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfWord(ulong word)
    {
        // Each run start and each run end that is not its start is written: one or two digits, and a separator but first.
        ulong marks = (word & ~(word << 1)) | (word & ~(word >> 1));
        int count = BitOperations.PopCount(marks);
        return word == 0 ? 0 : (3 * count) - BitOperations.PopCount(marks & 0x3FF) - 1;
    }

    /// <summary>Writes the specification of ids below 64 (most pin sets), with ranges, <see cref="LengthOfWord"/> long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteWord(ulong word, Span<char> destination)
    {
        ref char d = ref MemoryMarshal.GetReference(destination);
        ulong starts = word & ~(word << 1);
        ulong marks = starts | (word & ~(word >> 1));
        int at = 0;
        while (marks != 0)
        {
            int id = BitOperations.TrailingZeroCount(marks);
            marks &= marks - 1;
            if (at != 0)
            {
                Unsafe.Add(ref d, at++) = (char)('-' - (int)((starts >> id) & 1));
            }

            if (id < 10)
            {
                Unsafe.Add(ref d, at++) = (char)('0' + id);
            }
            else
            {
                Unsafe.WriteUnaligned(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref d, at)), TwoDigitChars[id]);
                at += 2;
            }
        }
    }

    /// <summary>Writes <c>,</c> (unless first), then <c>first</c> or <c>first-last</c>; nothing when it does not fit.</summary>
    public static bool TryWriteRun(Span<char> destination, ref int at, int first, int last)
    {
        int separator = at > 0 ? 1 : 0;
        int end = at + separator + DigitCount((uint)first) + (last > first ? DigitCount((uint)last) + 1 : 0);
        if ((uint)end > (uint)destination.Length)
        {
            return false;
        }

        ref char d = ref MemoryMarshal.GetReference(destination);
        int i = at;
        if (separator != 0)
        {
            Unsafe.Add(ref d, i++) = ',';
        }

        i = WriteNumberExact(ref d, i, first);
        if (last > first)
        {
            Unsafe.Add(ref d, i++) = '-';
            WriteNumberExact(ref d, i, last);
        }

        at = end;
        return true;
    }

    public static int DigitCount(uint value) => value switch
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

    /// <summary>Returns the digits of every id in word <paramref name="word"/> of a bitmap whose bits are <paramref name="bits"/>.</summary>
    private static int DigitSum(int word, ulong bits)
    {
        // Ids of one word have the same number of digits, but in the four words where 10, 100, 1000, 10000 fall.
        int count = BitOperations.PopCount(bits);
        return word switch
        {
            0 => (2 * count) - BitOperations.PopCount(bits & 0x3FF), // 0-9
            1 => (3 * count) - BitOperations.PopCount(bits & 0xF_FFFF_FFFFUL), // 64-99
            < 15 => 3 * count,
            15 => (4 * count) - BitOperations.PopCount(bits & 0xFF_FFFF_FFFFUL), // 960-999
            < 156 => 4 * count,
            156 => (5 * count) - BitOperations.PopCount(bits & 0xFFFF), // 9984-9999
            _ => 5 * count,
        };
    }

    /// <summary>Writes <paramref name="value"/> at <paramref name="at"/> and returns the index after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteNumber(ref char d, int at, int value, int fastLimit)
    {
        // Four characters are stored whatever the digit count: only where they fit, the rest being overwritten next.
        if (BitConverter.IsLittleEndian && (uint)value < 10000 && at <= fastLimit)
        {
            ulong entry = Digits4[value];
            Unsafe.WriteUnaligned(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref d, at)), entry & CharsMask);
            return at + (int)(entry >> 56);
        }

        return WriteNumberExact(ref d, at, value);
    }

    /// <summary>Writes exactly the digits of <paramref name="value"/>, two at a time, and returns the index after them.</summary>
    private static int WriteNumberExact(ref char d, int at, int value)
    {
        int end = at + DigitCount((uint)value);
        int i = end;
        uint rest = (uint)value;
        while (rest >= 100)
        {
            (rest, uint pair) = Math.DivRem(rest, 100);
            i -= 2;
            Unsafe.WriteUnaligned(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref d, i)), TwoDigitChars[(int)pair]);
        }

        if (rest >= 10)
        {
            Unsafe.WriteUnaligned(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref d, i - 2)), TwoDigitChars[(int)rest]);
        }
        else
        {
            Unsafe.Add(ref d, i - 1) = (char)('0' + rest);
        }

        return end;
    }

    private static ulong[] CreateDigits4()
    {
        var table = new ulong[10000];
        Span<char> digits = stackalloc char[4];
        for (int value = 0; value < table.Length; value++)
        {
            int count = WriteNumberExact(ref MemoryMarshal.GetReference(digits), 0, value);
            ulong entry = (ulong)count << 56;
            for (int k = 0; k < count; k++)
            {
                entry |= (ulong)digits[k] << (16 * k);
            }

            table[value] = entry;
        }

        return table;
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
}
