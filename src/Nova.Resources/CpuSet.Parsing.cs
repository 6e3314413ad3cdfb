using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Nova.Resources;

/// <content>Parsing Nova's CPU set specification grammar (<c>nova.virt.hardware.parse_cpu_spec</c>).</content>
public sealed partial class CpuSet : ISpanParsable<CpuSet>
{
    /// <summary>Parses a CPU set specification such as <c>4-31,^8,40</c> with Nova's grammar.</summary>
    /// <param name="s">The specification.</param>
    /// <returns>The set (possibly empty: an empty result is not an error here).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="CpuSpecFormatException">The specification is invalid or names an id above <see cref="MaxCpuId"/>.</exception>
    /// <remarks>See <see cref="Parse(ReadOnlySpan{char})"/> for the grammar.</remarks>
    public static CpuSet Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses a CPU set specification such as <c>4-31,^8,40</c> with Nova's grammar.</summary>
    /// <param name="s">The specification.</param>
    /// <returns>The set (possibly empty: an empty result is not an error here).</returns>
    /// <exception cref="CpuSpecFormatException">The specification is invalid or names an id above <see cref="MaxCpuId"/>.</exception>
    /// <remarks>
    /// <para>
    /// The grammar is that of Nova's <c>parse_cpu_spec</c>: a comma-separated list of rules, each stripped of
    /// surrounding whitespace; empty rules are skipped. <c>N</c> includes CPU N, <c>A-B</c> includes A..B (A &lt;= B),
    /// <c>^N</c> excludes N and <c>^A-B</c> excludes A..B. A rule is split on its first <c>-</c>; whitespace is
    /// allowed around the <c>-</c> and after the <c>^</c>. A number may carry a leading <c>+</c> (and leading zeros);
    /// the end of a range may also carry a <c>-</c> (so <c>0--0</c> is {0}, while <c>1--3</c> and <c>-1</c> are invalid
    /// ranges). Exclusions are applied after all inclusions, wherever they appear. The first failing rule, left to
    /// right, is reported with Nova's message.
    /// </para>
    /// <para>
    /// Differences from Nova, which uses Python's <c>int()</c> and <c>str.strip()</c>: only ASCII digits
    /// <c>0</c>-<c>9</c> form numbers (Python also accepts digit groups such as <c>1_0</c> and any Unicode decimal digit),
    /// and only ASCII whitespace (space, tab, line feed, vertical tab, form feed, carriage return) is stripped (Python
    /// also strips U+001C..U+001F and Unicode spaces). Ids above <see cref="MaxCpuId"/> are rejected with a message
    /// naming the bound, where Nova would build a set of arbitrary size.
    /// </para>
    /// <para>
    /// Parsing is one pass over the input, linear in its length, and allocates only the result (one object for a
    /// set of ids below 64). A rule longer than <see cref="CpuSpecFormatException.MaxQuotedRuleLength"/> characters is
    /// quoted only in part in the message (see <see cref="CpuSpecFormatException"/>).
    /// </para>
    /// </remarks>
    public static CpuSet Parse(ReadOnlySpan<char> s)
    {
        CpuSet? result = ParseCore(s, out CpuSpecError error);
        return result ?? throw error.ToException(s);
    }

    /// <summary>Tries to parse a CPU set specification with Nova's grammar (see <see cref="Parse(ReadOnlySpan{char})"/>).</summary>
    /// <param name="s">The specification.</param>
    /// <param name="result">The set, when the specification is valid.</param>
    /// <returns><see langword="true"/> when the specification is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out CpuSet? result)
    {
        if (s is null)
        {
            result = null;
            return false;
        }

        return TryParse(s.AsSpan(), out result);
    }

    /// <summary>Tries to parse a CPU set specification with Nova's grammar (see <see cref="Parse(ReadOnlySpan{char})"/>).</summary>
    /// <param name="s">The specification.</param>
    /// <param name="result">The set, when the specification is valid.</param>
    /// <returns><see langword="true"/> when the specification is valid.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, [NotNullWhen(true)] out CpuSet? result)
    {
        result = ParseCore(s, out _);
        return result is not null;
    }

    /// <inheritdoc />
    static CpuSet IParsable<CpuSet>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool IParsable<CpuSet>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out CpuSet result) =>
        TryParse(s, out result);

    /// <inheritdoc />
    static CpuSet ISpanParsable<CpuSet>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool ISpanParsable<CpuSet>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out CpuSet result) =>
        TryParse(s, out result);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CpuSet? ParseCore(ReadOnlySpan<char> s, out CpuSpecError error)
    {
        error = default;

        // A short spec of ids below 128 (most pin sets) is read in registers: no bitmap, one allocation for ids below 64.
        int position = CpuSpecFastPath.ReadSmall(s, out UInt128 include, out UInt128 exclude);
        return position == s.Length ? FromSmall(include & ~exclude) : ParseLarge(s, position, include, exclude, ref error);
    }

    private static CpuSet? ParseLarge(ReadOnlySpan<char> s, int position, UInt128 small, UInt128 smallExclude, ref CpuSpecError error)
    {
        // Zeroed struct locals rather than stackalloc: no stack-overrun cookie to set and check on every parse.
        var includeBuffer = default(CpuSetBitmapBuffer);
        var excludeBuffer = default(CpuSetBitmapBuffer);
        var include = new CpuSetBitmap(includeBuffer);
        var exclude = new CpuSetBitmap(excludeBuffer);
        include.Or(small);
        exclude.Or(smallExclude);
        bool valid = true;

        // The fast path takes what it can; the reader takes the one rule it stopped at, then the fast path goes on.
        while ((position = CpuSpecFastPath.Read(s, position, ref include, ref exclude)) < s.Length)
        {
            if (!CpuSpecReader.ReadRule(s, ref position, ref include, ref exclude, out error))
            {
                valid = false;
                break;
            }
        }

        CpuSet? result = null;
        if (valid)
        {
            // Nova applies the exclusions after all inclusions, wherever they appear.
            include.Except(exclude);
            result = FromWords(include.Used);
        }

        // No try/finally: nothing here throws, and a pooled buffer missed on an unexpected exception is only garbage.
        include.Dispose();
        exclude.Dispose();
        return result;
    }

    /// <summary>Builds a set of ids below 128.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CpuSet FromSmall(UInt128 bits)
    {
        ulong low = (ulong)bits;
        ulong high = (ulong)(bits >> 64);
        if (high != 0)
        {
            return new CpuSet([low, high], BitOperations.PopCount(low) + BitOperations.PopCount(high));
        }

        return low != 0 ? new CpuSet(low, BitOperations.PopCount(low)) : Empty;
    }
}
