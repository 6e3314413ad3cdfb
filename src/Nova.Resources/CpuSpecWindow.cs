using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nova.Resources;

/// <summary>
/// The vector steps of <see cref="CpuSpecFastPath"/> over a window of 32 characters: which rules are its own, the
/// number each rule holds, and (with AVX-512) the bits of a window whose rules are all in one bitmap word.
/// </summary>
/// <remarks>
/// Each method reads the 32 characters at its <c>chars</c> argument and the four before them, which the caller
/// guarantees are in the input. Vector512 is used where the hardware has it, two Vector256 halves elsewhere.
/// </remarks>
internal static class CpuSpecWindow
{
    /// <summary>The characters of one window.</summary>
    public const int Length = 32;

    /// <summary>
    /// Returns the commas that end the window's leading rules of the fast path's shape: 1 to 4 digits, each rule with a
    /// leading caret or none like the window's first; <paramref name="reject"/> says which (1 for carets), and
    /// <paramref name="commas"/> gives all the window's commas.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Ends(ref ushort chars, out uint commas, out int reject)
    {
        Classify(ref chars, out commas, out uint carets, out uint digits);
        uint starts = (commas << 1) | 1;
        reject = (int)(carets & 1);

        // A rule is ours while none of its characters is marked: a character of another kind or a caret inside a
        // rule, an empty rule (",," or "^,"), a rule of the other kind than the window's first, five digits in a row.
        uint bad = ~(commas | digits | (carets & starts))
            | (starts & (commas | (carets ^ (0u - (uint)reject))))
            | ((carets << 1) & commas)
            | (digits & (digits >> 1) & (digits >> 2) & (digits >> 3) & (digits >> 4));
        return commas & (uint)((1UL << BitOperations.TrailingZeroCount(bad)) - 1);
    }

    /// <summary>
    /// Finds the number of up to 4 digits that ends before each of the window's characters. With AVX-512, when every
    /// rule of <paramref name="ends"/> is in one bitmap word, returns <see langword="true"/> with that word and the
    /// rules' bits in it; otherwise writes the numbers to <paramref name="numbers"/> (the number of the rule a comma
    /// ends at the comma's index) and returns <see langword="false"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool StoreNumbers(ref ushort chars, ref ushort numbers, uint ends, out int word, out ulong bits)
    {
        ref ushort before = ref Unsafe.Subtract(ref chars, 1);
        if (Vector512.IsHardwareAccelerated && Avx512BW.IsSupported)
        {
            Vector512<ushort> values = Numbers(Vector512.LoadUnsafe(ref before), Vector512.LoadUnsafe(ref Unsafe.Subtract(ref before, 1)),
                Vector512.LoadUnsafe(ref Unsafe.Subtract(ref before, 2)), Vector512.LoadUnsafe(ref Unsafe.Subtract(ref before, 3)));
            if (OneWord(Vector512.LoadUnsafe(ref chars), values, ends, out word, out bits))
            {
                return true;
            }

            values.StoreUnsafe(ref numbers);
            return false;
        }

        for (nuint half = 0; half < Length; half += (nuint)Vector256<ushort>.Count)
        {
            ref ushort at = ref Unsafe.Add(ref before, half);
            Numbers(Vector256.LoadUnsafe(ref at), Vector256.LoadUnsafe(ref Unsafe.Subtract(ref at, 1)),
                Vector256.LoadUnsafe(ref Unsafe.Subtract(ref at, 2)), Vector256.LoadUnsafe(ref Unsafe.Subtract(ref at, 3)))
                .StoreUnsafe(ref numbers, half);
        }

        (word, bits) = (0, 0);
        return false;
    }

    /// <summary>
    /// Whether every rule's number is in the first rule's bitmap word; if so, that word and the OR of
    /// <c>1 &lt;&lt; number</c> over the rules (shifted in eight 64-bit lanes at a time).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool OneWord(Vector512<ushort> chars, Vector512<ushort> numbers, uint ends, out int word, out ulong bits)
    {
        Vector512<ushort> words = numbers >> 6;
        Vector512<ushort> first = Avx512BW.PermuteVar32x16(words, Vector512.Create((ushort)BitOperations.TrailingZeroCount(ends)));
        Vector512<ushort> taken = Vector512.Equals(chars, Vector512.Create((ushort)',')) &
            Vector512.LessThanOrEqual(Vector512<ushort>.Indices, Vector512.Create((ushort)(31 - BitOperations.LeadingZeroCount(ends))));
        if (Vector512.AndNot(taken, Vector512.Equals(words, first)) != Vector512<ushort>.Zero)
        {
            (word, bits) = (0, 0);
            return false;
        }

        // A count of 64 shifts the bit out: the places that end no rule add nothing.
        Vector512<ushort> counts = Vector512.ConditionalSelect(taken, numbers & Vector512.Create((ushort)63), Vector512.Create((ushort)64));
        Vector512<uint> low = Vector512.WidenLower(counts);
        Vector512<uint> high = Vector512.WidenUpper(counts);
        Vector512<ulong> one = Vector512<ulong>.One;
        Vector512<ulong> set = Avx512F.ShiftLeftLogicalVariable(one, Vector512.WidenLower(low))
            | Avx512F.ShiftLeftLogicalVariable(one, Vector512.WidenUpper(low))
            | Avx512F.ShiftLeftLogicalVariable(one, Vector512.WidenLower(high))
            | Avx512F.ShiftLeftLogicalVariable(one, Vector512.WidenUpper(high));
        Vector256<ulong> half = set.GetLower() | set.GetUpper();
        Vector128<ulong> quarter = half.GetLower() | half.GetUpper();
        bits = quarter.ToScalar() | quarter.GetElement(1);
        word = first.ToScalar();
        return true;
    }

    /// <summary>The masks of the commas, carets and digits among the 32 characters at <paramref name="chars"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Classify(ref ushort chars, out uint commas, out uint carets, out uint digits)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<ushort> all = Vector512.LoadUnsafe(ref chars);
            commas = (uint)Vector512.Equals(all, Vector512.Create((ushort)',')).ExtractMostSignificantBits();
            carets = (uint)Vector512.Equals(all, Vector512.Create((ushort)'^')).ExtractMostSignificantBits();
            digits = (uint)Vector512.LessThan(all - Vector512.Create((ushort)'0'), Vector512.Create((ushort)10)).ExtractMostSignificantBits();
            return;
        }

        Vector256<ushort> low = Vector256.LoadUnsafe(ref chars);
        Vector256<ushort> high = Vector256.LoadUnsafe(ref chars, (nuint)Vector256<ushort>.Count);
        commas = Mask(Vector256.Equals(low, Vector256.Create((ushort)',')), Vector256.Equals(high, Vector256.Create((ushort)',')));
        carets = Mask(Vector256.Equals(low, Vector256.Create((ushort)'^')), Vector256.Equals(high, Vector256.Create((ushort)'^')));
        digits = Mask(IsDigit(low), IsDigit(high));
    }

    /// <summary>
    /// The number of up to 4 digits ending at each place, from the characters there (<paramref name="c0"/>) and one, two
    /// and three places before: the last digit plus 10, 100 and 1000 times each digit before it while they are digits
    /// (meaningful only where <paramref name="c0"/> is a digit).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> Numbers(Vector512<ushort> c0, Vector512<ushort> c1, Vector512<ushort> c2, Vector512<ushort> c3)
    {
        Vector512<ushort> zero = Vector512.Create((ushort)'0');
        Vector512<ushort> ten = Vector512.Create((ushort)10);
        Vector512<ushort> d1 = c1 - zero;
        Vector512<ushort> d2 = c2 - zero;
        Vector512<ushort> d3 = c3 - zero;
        Vector512<ushort> k1 = Vector512.LessThan(d1, ten);
        Vector512<ushort> k2 = k1 & Vector512.LessThan(d2, ten);
        Vector512<ushort> k3 = k2 & Vector512.LessThan(d3, ten);
        return (c0 - zero) + ((d1 * 10) & k1) + ((d2 * 100) & k2) + ((d3 * 1000) & k3);
    }

    /// <summary>The same as <see cref="Numbers(Vector512{ushort}, Vector512{ushort}, Vector512{ushort}, Vector512{ushort})"/>, for 16 places.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> Numbers(Vector256<ushort> c0, Vector256<ushort> c1, Vector256<ushort> c2, Vector256<ushort> c3)
    {
        Vector256<ushort> zero = Vector256.Create((ushort)'0');
        Vector256<ushort> ten = Vector256.Create((ushort)10);
        Vector256<ushort> d1 = c1 - zero;
        Vector256<ushort> d2 = c2 - zero;
        Vector256<ushort> d3 = c3 - zero;
        Vector256<ushort> k1 = Vector256.LessThan(d1, ten);
        Vector256<ushort> k2 = k1 & Vector256.LessThan(d2, ten);
        Vector256<ushort> k3 = k2 & Vector256.LessThan(d3, ten);
        return (c0 - zero) + ((d1 * 10) & k1) + ((d2 * 100) & k2) + ((d3 * 1000) & k3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> IsDigit(Vector256<ushort> chars) =>
        Vector256.LessThan(chars - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Mask(Vector256<ushort> low, Vector256<ushort> high) =>
        low.ExtractMostSignificantBits() | (high.ExtractMostSignificantBits() << 16);
}
