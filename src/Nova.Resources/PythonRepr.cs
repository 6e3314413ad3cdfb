using System.Globalization;
using System.Text;

namespace Nova.Resources;

/// <summary>
/// Quotes a string the way CPython's <c>str.__repr__</c> does, so messages match Nova's <c>%r</c> formatting.
/// </summary>
/// <remarks>
/// ASCII is rendered exactly as CPython does. Non-ASCII characters follow CPython's rule too (printable characters
/// verbatim, others as <c>\xNN</c>, <c>\uNNNN</c> or <c>\UNNNNNNNN</c>), with "printable" decided by .NET's Unicode
/// data: a character is escaped when its category is Cc, Cf, Cs, Co, Cn, Zl, Zp or Zs (except the space). The two
/// Unicode versions can differ for recently assigned characters. Lone surrogates are escaped as <c>\uDXXX</c>.
/// </remarks>
internal static class PythonRepr
{
    public static string Quote(ReadOnlySpan<char> value)
    {
        return Quote(value, value.Length);
    }

    /// <summary>
    /// Quotes the first <paramref name="maxLength"/> characters of <paramref name="value"/> (one fewer rather than
    /// split a surrogate pair); when that cuts the value, <c>...</c> follows the closing quote.
    /// </summary>
    public static string Quote(ReadOnlySpan<char> value, int maxLength)
    {
        bool cut = value.Length > maxLength;
        if (cut)
        {
            int length = maxLength;
            if (length > 0 && char.IsHighSurrogate(value[length - 1]) && char.IsLowSurrogate(value[length]))
            {
                length--;
            }

            value = value[..length];
        }

        char quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        var builder = new StringBuilder(value.Length + 2);
        builder.Append(quote);
        int i = 0;
        while (i < value.Length)
        {
            if (Rune.DecodeFromUtf16(value[i..], out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                AppendEscape(builder, value[i]);
                i++;
                continue;
            }

            i += consumed;
            switch (rune.Value)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case int c when c == quote:
                    builder.Append('\\').Append(quote);
                    break;
                case >= 0x20 and < 0x7f:
                    builder.Append((char)rune.Value);
                    break;
                default:
                    if (rune.IsAscii || !IsPrintable(rune))
                    {
                        AppendEscape(builder, rune.Value);
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        builder.Append(quote);
        return (cut ? builder.Append("...") : builder).ToString();
    }

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator => false,
        _ => true,
    };

    private static void AppendEscape(StringBuilder builder, int value)
    {
        if (value <= 0xff)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\x{value:x2}");
        }
        else if (value <= 0xffff)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\u{value:x4}");
        }
        else
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\U{value:x8}");
        }
    }
}
