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
        bool ranges = UsesRanges(format);
        int length = CpuSpecWriter.Length(Words, ranges);
        if (length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }

        CpuSpecWriter.Write(Words, destination[..length], ranges);
        charsWritten = length;
        return true;
    }

    /// <inheritdoc />
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten, format);

    internal string Format(bool ranges)
    {
        // The exact length comes from population counts, so the text is written straight into the new string,
        // which nothing else has seen yet (what string.Create does, without its delegate call: most of the cost of a
        // 3-character spec). Ids below 64 (most pin sets) go to the one-word writer directly.
        bool oneWord = ranges && _words is null;
        int length = oneWord ? CpuSpecWriter.LengthOfWord(_low) : CpuSpecWriter.Length(Words, ranges);
        if (length == 0)
        {
            return string.Empty;
        }

        string text = new('\0', length);
        Span<char> destination = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(text.AsSpan()), length);
        if (oneWord)
        {
            CpuSpecWriter.WriteWord(_low, destination);
        }
        else
        {
            CpuSpecWriter.Write(Words, destination, ranges);
        }

        return text;
    }

    internal static bool UsesRanges(ReadOnlySpan<char> format) => format switch
    {
        [] or ['G'] or ['g'] => true,
        ['L'] or ['l'] => false,
        _ => throw new FormatException($"The format '{format}' is not supported; use 'G' (ranges) or 'L' (list)."),
    };
}
