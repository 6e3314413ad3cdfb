using System.Globalization;
using System.Text;

namespace Nova.Resources.Compute;

/// <summary>
/// Writes JSON exactly as Python's <c>json.dumps</c> does with its defaults (what Nova's
/// <c>jsonutils.dumps</c> stores): <c>", "</c> and <c>": "</c> separators and every character outside
/// printable ASCII escaped as <c>\uXXXX</c> in lower-case hex.
/// </summary>
internal static class NovaJson
{
    public static void WriteString(StringBuilder builder, string? value)
    {
        if (value is null)
        {
            builder.Append("null");
            return;
        }

        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    if (c is >= ' ' and <= '~')
                    {
                        builder.Append(c);
                    }
                    else
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    public static void WriteKey(StringBuilder builder, string key, ref bool first)
    {
        if (!first)
        {
            builder.Append(", ");
        }

        first = false;
        WriteString(builder, key);
        builder.Append(": ");
    }

    public static void WriteInt(StringBuilder builder, int value)
        => builder.Append(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes the number, or <c>null</c> as Python writes <c>None</c>.</summary>
    public static void WriteInt(StringBuilder builder, int? value)
    {
        if (value is { } v)
        {
            WriteInt(builder, v);
        }
        else
        {
            builder.Append("null");
        }
    }
}
