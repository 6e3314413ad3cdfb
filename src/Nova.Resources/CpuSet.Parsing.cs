using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Nova.Resources;

/// <content>Parsing Nova's CPU set specification grammar (<c>nova.virt.hardware.parse_cpu_spec</c>).</content>
public sealed partial class CpuSet : ISpanParsable<CpuSet>
{
    private const int MaxWords = (MaxCpuId >> 6) + 1;
    private const int InlineWords = 16;

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
    /// <para>Parsing is one pass over the input, linear in its length, and allocates only the result.</para>
    /// </remarks>
    public static CpuSet Parse(ReadOnlySpan<char> s)
    {
        CpuSet? result = ParseCore(s, out ParseError error);
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

    private static CpuSet? ParseCore(ReadOnlySpan<char> s, out ParseError error)
    {
        // Small sets (every id below 64, the common case) are built in two registers; the first rule that is not
        // plain or names a larger id switches to the general bitmaps, seeded with what was read so far.
        ulong included = 0;
        ulong excluded = 0;
        int position = 0;
        while (position < s.Length)
        {
            int p = position;
            if (!TryReadSimpleRule(s, ref p, out bool reject, out int first, out int last) || last >= 64)
            {
                return ParseGeneral(s, position, included, excluded, out error);
            }

            if (first >= 0)
            {
                ulong bits = (ulong.MaxValue << first) & (ulong.MaxValue >> (63 - last));
                if (reject)
                {
                    excluded |= bits;
                }
                else
                {
                    included |= bits;
                }
            }

            position = p;
        }

        error = default;
        ulong word = included & ~excluded;
        return word == 0 ? Empty : new CpuSet([word], BitOperations.PopCount(word));
    }

    private static CpuSet? ParseGeneral(ReadOnlySpan<char> s, int position, ulong included, ulong excluded, out ParseError error)
    {
        var include = new Bitmap(stackalloc ulong[InlineWords]);
        var exclude = new Bitmap(stackalloc ulong[InlineWords]);
        include.Seed(included);
        exclude.Seed(excluded);

        // No try/finally: nothing here throws, and a pooled buffer missed on an unexpected exception is only garbage.
        CpuSet? result = ParseRules(s, position, ref include, ref exclude, out error) ? Build(ref include, ref exclude) : null;
        include.Dispose();
        exclude.Dispose();
        return result;
    }

    private static bool ParseRules(ReadOnlySpan<char> s, int position, ref Bitmap include, ref Bitmap exclude, out ParseError error)
    {
        while (position < s.Length)
        {
            int p = position;
            if (TryReadSimpleRule(s, ref p, out bool reject, out int first, out int last))
            {
                if (first >= 0)
                {
                    if (first == last)
                    {
                        (reject ? ref exclude : ref include).Add(first);
                    }
                    else
                    {
                        (reject ? ref exclude : ref include).SetRange(first, last);
                    }
                }

                position = p;
                continue;
            }

            // Anything else (signs, '^' before whitespace, errors, ids above the bound): Nova's rule logic.
            int comma = s[position..].IndexOf(',');
            int next = comma < 0 ? s.Length : position + comma + 1;
            int start = position;
            int end = comma < 0 ? s.Length : position + comma;
            while (start < end && IsWhiteSpace(s[start]))
            {
                start++;
            }

            while (end > start && IsWhiteSpace(s[end - 1]))
            {
                end--;
            }

            if (start < end && !ParseRule(s[start..end], ref include, ref exclude, out error))
            {
                error.RuleStart = start;
                error.RuleLength = end - start;
                return false;
            }

            position = next;
        }

        error = default;
        return true;
    }

    /// <summary>
    /// The fast path: reads one rule of the common form <c>[^]digits[-digits]</c> with optional whitespace, valid
    /// and within the bound, and moves <paramref name="p"/> past its comma. An empty rule gives
    /// <paramref name="first"/> = -1. Returns <see langword="false"/> for any other rule; <see cref="ParseRule"/>
    /// then reads it with Nova's full logic.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadSimpleRule(ReadOnlySpan<char> s, ref int p, out bool reject, out int first, out int last)
    {
        reject = false;
        first = last = -1;
        p = SkipWhiteSpace(s, p);
        if (p < s.Length && s[p] != ',')
        {
            reject = s[p] == '^';
            if (reject)
            {
                p++;
            }

            if (!TryReadDigits(s, ref p, out first))
            {
                return false;
            }

            last = first;
            p = SkipWhiteSpace(s, p);
            if (p < s.Length && s[p] == '-')
            {
                p = SkipWhiteSpace(s, p + 1);
                if (!TryReadDigits(s, ref p, out last) || first > last)
                {
                    return false;
                }

                p = SkipWhiteSpace(s, p);
            }

            if ((p < s.Length && s[p] != ',') || last > MaxCpuId)
            {
                return false;
            }
        }

        p++;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhiteSpace(ReadOnlySpan<char> s, int p)
    {
        while (p < s.Length && IsWhiteSpace(s[p]))
        {
            p++;
        }

        return p;
    }

    /// <summary>Reads one or more ASCII digits; the value saturates at <see cref="MaxCpuId"/> + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadDigits(ReadOnlySpan<char> s, ref int p, out int value)
    {
        int start = p;
        value = 0;
        while (p < s.Length)
        {
            uint digit = (uint)(s[p] - '0');
            if (digit > 9)
            {
                break;
            }

            value = Math.Min((value * 10) + (int)digit, MaxCpuId + 1);
            p++;
        }

        return p > start;
    }

    /// <summary>Applies one stripped, non-empty rule.</summary>
    private static bool ParseRule(ReadOnlySpan<char> rule, ref Bitmap include, ref Bitmap exclude, out ParseError error)
    {
        error = default;
        int dash = rule.IndexOf('-');
        if (dash >= 0)
        {
            error.Kind = ErrorKind.Range;
            ReadOnlySpan<char> first = rule[..dash];
            bool reject = first.Length > 0 && first[0] == '^';
            if (reject)
            {
                first = first[1..];
            }

            if (!Number.TryParse(first, allowMinus: false, out Number start)
                || !Number.TryParse(rule[(dash + 1)..], allowMinus: true, out Number end)
                || Number.IsGreater(start, end))
            {
                return false;
            }

            if (end.Value > MaxCpuId)
            {
                error.AboveBound = true;
                return false;
            }

            (reject ? ref exclude : ref include).SetRange(start.Value, end.Value);
            return true;
        }

        if (rule[0] == '^')
        {
            error.Kind = ErrorKind.Exclusion;
            if (!Number.TryParse(rule[1..], allowMinus: false, out Number cpu))
            {
                return false;
            }

            if (cpu.Value > MaxCpuId)
            {
                error.AboveBound = true;
                return false;
            }

            exclude.SetRange(cpu.Value, cpu.Value);
            return true;
        }

        error.Kind = ErrorKind.Inclusion;
        if (!Number.TryParse(rule, allowMinus: false, out Number single))
        {
            return false;
        }

        if (single.Value > MaxCpuId)
        {
            error.AboveBound = true;
            return false;
        }

        include.SetRange(single.Value, single.Value);
        return true;
    }

    private static CpuSet Build(ref Bitmap include, ref Bitmap exclude)
    {
        ReadOnlySpan<ulong> inc = include.Used;
        ReadOnlySpan<ulong> exc = exclude.Used;
        int last = -1;
        int count = 0;
        for (int i = 0; i < inc.Length; i++)
        {
            ulong word = i < exc.Length ? inc[i] & ~exc[i] : inc[i];
            if (word != 0)
            {
                last = i;
                count += BitOperations.PopCount(word);
            }
        }

        if (count == 0)
        {
            return Empty;
        }

        var words = new ulong[last + 1];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = i < exc.Length ? inc[i] & ~exc[i] : inc[i];
        }

        return new CpuSet(words, count);
    }

    /// <summary>ASCII whitespace only: space, tab, line feed, vertical tab, form feed, carriage return.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWhiteSpace(char c) => c == ' ' || (uint)(c - '\t') <= '\r' - '\t';

    private enum ErrorKind
    {
        Range,
        Exclusion,
        Inclusion,
    }

    private struct ParseError
    {
        public ErrorKind Kind;
        public bool AboveBound;
        public int RuleStart;
        public int RuleLength;

        public readonly CpuSpecFormatException ToException(ReadOnlySpan<char> input)
        {
            ReadOnlySpan<char> rule = input.Slice(RuleStart, RuleLength);
            string kind = Kind switch
            {
                ErrorKind.Range => "range",
                ErrorKind.Exclusion => "exclusion",
                _ => "inclusion",
            };
            string message = $"Invalid {kind} expression {PythonRepr.Quote(rule)}";
            if (AboveBound)
            {
                message += $": CPU ids above {MaxCpuId} are not supported";
            }

            return new CpuSpecFormatException(message, rule.ToString(), RuleStart);
        }
    }

    /// <summary>
    /// A number as Python's <c>int()</c> reads it (restricted to ASCII): its value when at most
    /// <see cref="MaxCpuId"/> (else <see cref="MaxCpuId"/> + 1), its sign, and its significant digits.
    /// </summary>
    private readonly ref struct Number
    {
        private Number(int value, bool negative, ReadOnlySpan<char> digits)
        {
            Value = value;
            Negative = negative;
            Digits = digits;
        }

        public int Value { get; }

        public bool Negative { get; }

        /// <summary>Gets the digits without leading zeros (empty for zero).</summary>
        public ReadOnlySpan<char> Digits { get; }

        public static bool TryParse(ReadOnlySpan<char> text, bool allowMinus, out Number number)
        {
            number = default;
            int i = 0;
            int end = text.Length;
            while (i < end && IsWhiteSpace(text[i]))
            {
                i++;
            }

            while (end > i && IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            bool negative = false;
            if (i < end && (text[i] == '+' || (allowMinus && text[i] == '-')))
            {
                negative = text[i] == '-';
                i++;
            }

            if (i == end)
            {
                return false;
            }

            while (i < end && text[i] == '0')
            {
                i++;
            }

            int significant = i;
            int value = 0;
            for (; i < end; i++)
            {
                uint digit = (uint)(text[i] - '0');
                if (digit > 9)
                {
                    return false;
                }

                if (value <= MaxCpuId)
                {
                    value = Math.Min((value * 10) + (int)digit, MaxCpuId + 1);
                }
            }

            number = new Number(value, negative, text[significant..end]);
            return true;
        }

        /// <summary>Returns whether <paramref name="start"/> (never negative) is greater than <paramref name="end"/>.</summary>
        public static bool IsGreater(Number start, Number end)
        {
            if (end.Negative && !end.Digits.IsEmpty)
            {
                return true;
            }

            if (start.Value <= MaxCpuId && end.Value <= MaxCpuId)
            {
                return start.Value > end.Value;
            }

            return start.Digits.Length != end.Digits.Length
                ? start.Digits.Length > end.Digits.Length
                : start.Digits.SequenceCompareTo(end.Digits) > 0;
        }
    }

    /// <summary>
    /// A bitmap being built: starts in a small stack buffer and moves to a pooled buffer of
    /// <see cref="MaxWords"/> words when an id needs it.
    /// </summary>
    private ref struct Bitmap
    {
        private Span<ulong> _words;
        private ulong[]? _rented;
        private int _used;

        public Bitmap(Span<ulong> zeroed)
        {
            _words = zeroed;
        }

        public readonly ReadOnlySpan<ulong> Used => _words[.._used];

        public void SetRange(int first, int last)
        {
            int lastWord = last >> 6;
            if (lastWord >= _words.Length)
            {
                Grow();
            }

            CpuSet.SetRange(_words, first, last);
            _used = Math.Max(_used, lastWord + 1);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int cpu)
        {
            int word = cpu >> 6;
            if (word >= _words.Length)
            {
                Grow();
            }

            _words[word] |= 1UL << cpu;
            if (word >= _used)
            {
                _used = word + 1;
            }
        }

        /// <summary>Sets the first word (ids 0-63) of a fresh bitmap.</summary>
        public void Seed(ulong word)
        {
            _words[0] = word;
            _used = word == 0 ? 0 : 1;
        }

        public void Dispose()
        {
            if (_rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(_rented);
                _rented = null;
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
}
