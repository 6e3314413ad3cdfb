using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nova.Resources;

/// <summary>
/// The parser's one fast path, in front of <see cref="CpuSpecReader"/>: it takes the rules a program writes
/// (<c>N</c>, <c>^N</c>, <c>A-B</c>, <c>^A-B</c> with 1 to 5 plain digits, within the bound, separated by single commas,
/// no whitespace) and stops at the first rule of any other shape, which the reader then reads with Nova's full logic.
/// </summary>
/// <remarks>
/// Long inputs are read 32 characters at a time: two vector compares find the digits and the commas, the commas'
/// bitmask gives every rule's bounds without a per-character loop, and a rule of up to 4 digits (with or without a
/// leading <c>^</c>) is converted in one 64-bit load and two multiplications. Single ids are gathered in a register
/// per bitmap word and written when the word changes, so that ascending lists do not wait on their own stores.
/// </remarks>
internal static class CpuSpecFastPath
{
    /// <summary>The characters classified at once: two <see cref="Vector256{T}"/> of UTF-16 code units.</summary>
    private const int Window = 32;

    /// <summary>
    /// Applies the canonical rules from <paramref name="position"/> on and returns where the first other rule starts
    /// (the input's length when every rule was taken).
    /// </summary>
    public static int Read(ReadOnlySpan<char> s, int position, ref CpuSetBitmap include, ref CpuSetBitmap exclude)
    {
        ref char c0 = ref MemoryMarshal.GetReference(s);

        // Rules within one bitmap word are gathered in registers (one word per bitmap) until a rule of another word
        // comes: a spec of ids below 64 never touches memory before the end.
        int includeWord = 0;
        ulong includeBits = 0;
        int excludeWord = 0;
        ulong excludeBits = 0;
        while (position < s.Length)
        {
            // The 64-bit digit conversion assumes little-endian lanes; other machines use this loop only.
            if (BitConverter.IsLittleEndian && s.Length - position >= Window && position >= 3)
            {
                int words = 0;
                position = ReadWindows(s, position, include.Capacity, exclude.Capacity, ref words);
                include.MarkUsed(words);
                exclude.MarkUsed(words);
            }

            // One rule the windows left (a range, a large id, the last 31 characters), or the end of the fast path.
            if (!TryReadRule(ref c0, s.Length, ref position, out bool reject, out int first, out int last))
            {
                break;
            }

            int word = first >> 6;
            if (word != last >> 6)
            {
                (reject ? ref exclude : ref include).SetRange(first, last);
            }
            else if (reject)
            {
                Gather(ref excludeWord, ref excludeBits, word, first, last, ref exclude);
            }
            else
            {
                Gather(ref includeWord, ref includeBits, word, first, last, ref include);
            }
        }

        include.Or(includeWord, includeBits);
        exclude.Or(excludeWord, excludeBits);
        return position;
    }

    /// <summary>ORs ids <paramref name="first"/>..<paramref name="last"/> of word <paramref name="word"/> into the word being gathered, writing that out first if it is another.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gather(ref int gathered, ref ulong bits, int word, int first, int last, ref CpuSetBitmap bitmap)
    {
        if (word != gathered)
        {
            bitmap.Or(gathered, bits);
            (gathered, bits) = (word, 0);
        }

        bits |= (ulong.MaxValue << first) & (ulong.MaxValue >> (63 - (last & 63)));
    }

    /// <summary>
    /// Reads single ids and single exclusions of up to 4 digits, 32 characters at a time while 32 remain, straight
    /// into the bitmaps' buffers (ids they have room for); returns where the first other rule starts. No call is
    /// made here, so the loop keeps its state in registers.
    /// </summary>
    /// <remarks><paramref name="p"/> is at least 3, so every rule ends at index 4 or later (see <see cref="ReadDigits"/>).</remarks>
    private static int ReadWindows(ReadOnlySpan<char> s, int p, Span<ulong> include, Span<ulong> exclude, ref int words)
    {
        ref char c0 = ref MemoryMarshal.GetReference(s);
        int key = 0;
        ulong bits = 0;
        int used = 1;
        int capacity = Math.Min(include.Length, exclude.Length);
        while (s.Length - p >= Window)
        {
            ref ushort window = ref Unsafe.As<char, ushort>(ref Unsafe.Add(ref c0, p));
            Vector256<ushort> low = Vector256.LoadUnsafe(ref window);
            Vector256<ushort> high = Vector256.LoadUnsafe(ref window, (nuint)Vector256<ushort>.Count);
            uint commas = Mask(Vector256.Equals(low, Vector256.Create((ushort)',')), Vector256.Equals(high, Vector256.Create((ushort)',')));
            uint carets = Mask(Vector256.Equals(low, Vector256.Create((ushort)'^')), Vector256.Equals(high, Vector256.Create((ushort)'^')));
            uint digits = Mask(IsDigit(low), IsDigit(high));

            // Every character is a digit, a comma, or a caret that starts a rule; a rule holding anything else
            // (a dash, whitespace, a sign, a second caret...) ends the windows.
            uint bad = ~(commas | digits | (carets & ((commas << 1) | 1)));
            int firstBad = BitOperations.TrailingZeroCount(bad);
            int start = 0;
            while (commas != 0)
            {
                int end = BitOperations.TrailingZeroCount(commas);
                commas &= commas - 1;
                int reject = (int)(carets >> start) & 1;
                int count = end - start - reject;
                if (end > firstBad || (uint)(count - 1) >= 4)
                {
                    goto Stop; // not ours, or 5 digits and more
                }

                int cpu = ReadDigits(ref Unsafe.Add(ref c0, (nint)(uint)(p + end)), count);
                int wordKey = ((cpu >> 6) << 1) | reject;
                if (wordKey != key)
                {
                    if ((cpu >> 6) >= capacity)
                    {
                        goto Stop; // the bitmaps must grow first
                    }

                    ((key & 1) != 0 ? exclude : include)[key >> 1] |= bits;
                    used = Math.Max(used, (cpu >> 6) + 1);
                    (key, bits) = (wordKey, 0);
                }

                bits |= 1UL << cpu;
                start = end + 1;
            }

            if (start == 0)
            {
                break; // a rule of 32 characters or more is not one of ours
            }

            p += start;
            continue;

        Stop:
            p += start;
            break;
        }

        ((key & 1) != 0 ? exclude : include)[key >> 1] |= bits;
        words = used;
        return p;
    }

    /// <summary>
    /// Reads one rule <c>[^]digits[-digits]</c> at <paramref name="p"/>, followed by a comma or the end, and moves past
    /// its comma; leaves <paramref name="p"/> alone for a rule of another shape.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadRule(ref char c0, int length, ref int p, out bool reject, out int first, out int last)
    {
        int i = p;
        last = 0;
        reject = i < length && Unsafe.Add(ref c0, i) == '^';
        if (reject)
        {
            i++;
        }

        if (!TryReadNumber(ref c0, length, ref i, out first))
        {
            return false;
        }

        last = first;
        if (i < length && Unsafe.Add(ref c0, i) == '-')
        {
            i++;
            if (!TryReadNumber(ref c0, length, ref i, out last) || last < first)
            {
                return false;
            }
        }

        if (last > CpuSet.MaxCpuId || (i < length && Unsafe.Add(ref c0, i++) != ','))
        {
            return false;
        }

        p = i;
        return true;
    }

    /// <summary>Reads 1 to 5 digits (more are left to the reader: leading zeros).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadNumber(ref char c0, int length, ref int i, out int value)
    {
        int start = i;
        value = 0;
        uint digit;
        while (i < length && (digit = (uint)(Unsafe.Add(ref c0, i) - '0')) <= 9)
        {
            value = (value * 10) + (int)digit;
            i++;
            if (i - start > 5)
            {
                return false;
            }
        }

        return i > start;
    }

    /// <summary>
    /// Converts the <paramref name="count"/> (1 to 4) digits just before <paramref name="end"/> (at index 4 or more) with
    /// one 64-bit load and one multiplication: the low nibble of an ASCII digit is its value, and multiplying the four
    /// 16-bit lanes by 1, 10, 100, 1000 (in reverse) sums them into the top lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadDigits(ref char end, int count)
    {
        ulong chars = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Subtract(ref end, 4)));
        ulong digits = chars & Unsafe.Add(ref MemoryMarshal.GetReference(DigitLanes), (nint)(uint)count);
        return (int)((digits * 0x03E8_0064_000A_0001UL) >> 48);
    }

    /// <summary>The low nibbles of the last 0 to 4 lanes of four UTF-16 characters.</summary>
    private static ReadOnlySpan<ulong> DigitLanes =>
        [0, 0x000F_0000_0000_0000UL, 0x000F_000F_0000_0000UL, 0x000F_000F_000F_0000UL, 0x000F_000F_000F_000FUL];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> IsDigit(Vector256<ushort> chars) =>
        Vector256.LessThan(chars - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Mask(Vector256<ushort> low, Vector256<ushort> high) =>
        low.ExtractMostSignificantBits() | (high.ExtractMostSignificantBits() << 16);
}
