namespace Nova.Resources;

/// <summary>
/// A number as Python's <c>int()</c> reads it (restricted to ASCII): its value when at most
/// <see cref="CpuSet.MaxCpuId"/> (else <see cref="CpuSet.MaxCpuId"/> + 1), its sign, and its significant digits.
/// </summary>
internal readonly ref struct CpuSpecNumber
{
    private CpuSpecNumber(int value, bool negative, ReadOnlySpan<char> digits)
    {
        Value = value;
        Negative = negative;
        Digits = digits;
    }

    public int Value { get; }

    public bool Negative { get; }

    /// <summary>Gets the digits without leading zeros (empty for zero).</summary>
    public ReadOnlySpan<char> Digits { get; }

    /// <summary>Reads <c>int(text)</c>: surrounding whitespace, an optional sign, then one or more digits.</summary>
    /// <param name="text">The text.</param>
    /// <param name="allowMinus">Whether a <c>-</c> sign may appear (the end of a range only: the start's was the split point).</param>
    /// <param name="number">The number.</param>
    /// <returns><see langword="false"/> when Python's <c>int()</c> would raise <c>ValueError</c>.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, bool allowMinus, out CpuSpecNumber number)
    {
        number = default;
        text = CpuSpecReader.Strip(text);
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '+' || (allowMinus && text[i] == '-')))
        {
            negative = text[i] == '-';
            i++;
        }

        if (i == text.Length)
        {
            return false;
        }

        while (i < text.Length && text[i] == '0')
        {
            i++;
        }

        int significant = i;
        int value = 0;
        for (; i < text.Length; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            if (value <= CpuSet.MaxCpuId)
            {
                value = Math.Min((value * 10) + (int)digit, CpuSet.MaxCpuId + 1);
            }
        }

        number = new CpuSpecNumber(value, negative, text[significant..]);
        return true;
    }

    /// <summary>Returns whether <paramref name="start"/> (never negative) is greater than <paramref name="end"/>.</summary>
    public static bool IsGreater(CpuSpecNumber start, CpuSpecNumber end)
    {
        if (end.Negative && !end.Digits.IsEmpty)
        {
            return true;
        }

        if (start.Value <= CpuSet.MaxCpuId && end.Value <= CpuSet.MaxCpuId)
        {
            return start.Value > end.Value;
        }

        return start.Digits.Length != end.Digits.Length
            ? start.Digits.Length > end.Digits.Length
            : start.Digits.SequenceCompareTo(end.Digits) > 0;
    }
}
