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
/// <para>
/// A spec shorter than 32 characters whose ids are below 128 (most pin sets) is read in registers by
/// <see cref="ReadSmall"/>: no bitmap at all. Otherwise <see cref="Read"/> writes into the parser's bitmaps: rules one by
/// one with the same rule reader (<see cref="TryReadRule"/>), and while 32 characters remain, whole windows of single ids
/// (<see cref="CpuSpecWindow"/>): three masks say which rules are ours, one vector pass gives every rule's number, and a
/// window whose rules fall in one bitmap word (most windows of a list) is set with AVX-512 in one go; other windows set
/// their ids one by one, gathered in a register per word.
/// </para>
/// <para>
/// The next window starts after the last comma of this one, found from the commas alone when every rule was ours, so
/// that the windows' loads overlap instead of waiting on each other's checks.
/// </para>
/// </remarks>
internal static class CpuSpecFastPath
{
    /// <summary>
    /// Reads the canonical rules of a spec shorter than 32 characters while their ids are below 128 (numbers of 1 to 3
    /// digits), in registers, and returns where the first other rule starts (the input's length when every rule was
    /// taken). A longer spec is left whole to <see cref="Read"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadSmall(ReadOnlySpan<char> s, out UInt128 include, out UInt128 exclude)
    {
        ref char c0 = ref MemoryMarshal.GetReference(s);
        int length = s.Length;
        ulong includeLow = 0, includeHigh = 0, excludeLow = 0, excludeHigh = 0;
        int position = 0;
        int i = 0;
        while (i < length && length < CpuSpecWindow.Length)
        {
            if (!TryReadRule(ref c0, length, ref i, out bool reject, out int first, out int last) || last >= 128)
            {
                break;
            }

            // x64 and Arm64 shifts take the count modulo 64: each mask is right within its own word.
            ulong firstMask = ulong.MaxValue << first;
            ulong lastMask = ulong.MaxValue >> (63 - last);
            ulong low = last < 64 ? firstMask & lastMask : first < 64 ? firstMask : 0;
            ulong high = last < 64 ? 0 : first < 64 ? lastMask : firstMask & lastMask;
            if (reject)
            {
                excludeLow |= low;
                excludeHigh |= high;
            }
            else
            {
                includeLow |= low;
                includeHigh |= high;
            }

            position = i;
        }

        include = new UInt128(includeHigh, includeLow);
        exclude = new UInt128(excludeHigh, excludeLow);
        return position;
    }

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
            // The windows need vector hardware; other machines use this loop only.
            if (Vector256.IsHardwareAccelerated && s.Length - position >= CpuSpecWindow.Length && position >= 4)
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
    /// into the bitmaps' buffers (ids they have room for); returns where the first other rule starts.
    /// </summary>
    /// <remarks>
    /// Per window (<see cref="CpuSpecWindow"/>): three masks say which rules are ours and one vector pass gives each
    /// rule's number; the rules of one bitmap word (most windows) are then set at once with AVX-512, and otherwise each
    /// rule costs a bit scan, a load and an OR. <paramref name="p"/> is at least 4 (the pass reads the four characters
    /// before the window).
    /// </remarks>
    private static int ReadWindows(ReadOnlySpan<char> s, int p, Span<ulong> include, Span<ulong> exclude, ref int words)
    {
        ref char c0 = ref MemoryMarshal.GetReference(s);
        Span<ushort> numbers = stackalloc ushort[CpuSpecWindow.Length];
        ref ushort number = ref MemoryMarshal.GetReference(numbers);
        int capacity = Math.Min(include.Length, exclude.Length);
        int used = 1;
        int reject = 0;
        int word = 0;
        ulong bits = 0;
        while (s.Length - p >= CpuSpecWindow.Length)
        {
            ref ushort window = ref Unsafe.As<char, ushort>(ref Unsafe.Add(ref c0, p));
            uint ends = CpuSpecWindow.Ends(ref window, out uint commas, out int windowReject);
            if (ends == 0)
            {
                break; // the window's first rule is not ours
            }

            bool oneWord = CpuSpecWindow.StoreNumbers(ref window, ref number, ends, out int windowWord, out ulong windowBits);
            if (windowReject != reject || (oneWord && windowWord != word))
            {
                if (oneWord && windowWord >= capacity)
                {
                    break; // the bitmaps must grow first
                }

                (reject != 0 ? exclude : include)[word] |= bits;
                (reject, bits) = (windowReject, 0);
                if (oneWord)
                {
                    word = windowWord;
                    used = Math.Max(used, word + 1);
                }
            }

            // The next window's start comes from the commas alone when every rule was ours (most windows), so
            // that it does not wait on the checks: the windows' loads then overlap.
            int next = ends == commas ? 32 - BitOperations.LeadingZeroCount(commas) : 32 - BitOperations.LeadingZeroCount(ends);
            if (oneWord)
            {
                bits |= windowBits;
                p += next;
                continue;
            }

            Span<ulong> target = reject != 0 ? exclude : include;
            uint left = ends;
            do
            {
                int end = BitOperations.TrailingZeroCount(left);
                int cpu = Unsafe.Add(ref number, (nint)(uint)end);
                if (cpu >> 6 != word)
                {
                    if (cpu >> 6 >= capacity)
                    {
                        // The bitmaps must grow first: stop at this rule's start, after the last comma taken.
                        p += 32 - BitOperations.LeadingZeroCount(ends & ~left);
                        goto Done;
                    }

                    target[word] |= bits;
                    (word, bits) = (cpu >> 6, 0);
                    used = Math.Max(used, word + 1);
                }

                bits |= 1UL << cpu;
                left &= left - 1;
            }
            while (left != 0);
            p += next;
        }

    Done:
        (reject != 0 ? exclude : include)[word] |= bits;
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
        reject = false;
        if (i < length && Unsafe.Add(ref c0, i) == '^')
        {
            // A branch, not a conditional add: the next loads then do not wait on this one.
            reject = true;
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
}
