using System.Text;

namespace Nova.Resources.Tests.Fuzz;

/// <summary>
/// Seeded generators of hostile strings for parsers: random characters from every class (grammar characters,
/// ASCII and Unicode whitespace, control characters, non-ASCII digits and letters, lone and paired surrogates),
/// near-valid CPU specs, and mutations of seed specs (flips, insertions, deletions, duplications, splices).
/// </summary>
internal sealed class HostileStrings(int seed)
{
    /// <summary>The character classes; each generated character first picks a class, then a member.</summary>
    private static readonly string[] Classes =
    [
        "0123456789",                                   // ASCII digits
        ",-^+",                                         // the grammar's punctuation
        " \t\n\v\f\r",                                  // ASCII whitespace (stripped)
        "\u001c\u001d\u001e\u001f\u0085\u00a0\u1680\u2000\u2003\u2028\u2029\u202f\u3000\ufeff", // Unicode spaces Python strips
        "\0\u0001\u0007\u0008\u001b\u007f\u0080\u009f", // control characters
        "_.xXeEabcz'\"\\/:;!#*()[]{}<>=~`|@$%&?",        // ASCII letters and punctuation
        "\u0660\u0661\u0669\u06f3\u0966\uff10\uff13\u2460\u00b2\u00bd", // non-ASCII digits and numbers
        "éßЖ中文한글\u200b\u200d\u0301\ue000\ufffd\uffff",    // letters, marks, format and private-use characters
        "\ud800\udbff\udc00\udfff",                     // lone surrogates
    ];

    /// <summary>Valid and invalid specs from Nova's tests and our own, the mutation seeds.</summary>
    public static readonly string[] Seeds =
    [
        "1", "1,2", ", ,   1 ,  ,,  2,    ,", "1-1", " 1 - 1, 1 - 2 , 1 -3", "1,^2", "1-2, ^1", "1-3,5,^2",
        " 1 -    3        ,   ^2,        5", " 1,1, ^1", "^0-1", "0-3,^1-2", "0-5,6,^2", "0-1,^0,^1",
        "+3", "^+3", "+1-+3", "0--0", "0- -0", "007", "1\n-\n3", "^ 3-4, 1-5", "63-64", "65535",
        "65534-65535,^65534", " -1-3,5,^2", "1-3-,5,^2", "-3,5,^2", "1-,5,^2", "1-3,5,^2^", "--13,^^5,^2",
        "a-3,5,^2", "3 - 1, 5 , ^ 2 ", "1_0", "\u0661", "1--3", "^-3", "70000-1", "99999999999999999999",
        "0-65535,^1-65534", "1000-1100,^1050", "4-31,^8,40",
    ];

    private readonly Random _random = new(seed);

    /// <summary>Any character of any class, or (rarely) a surrogate pair.</summary>
    public string RandomChars(int length)
    {
        var builder = new StringBuilder(length + 1);
        while (builder.Length < length)
        {
            AppendRandomChar(builder);
        }

        return builder.ToString(0, length);
    }

    /// <summary>A spec built from rules, with a small chance of a stray character in each part.</summary>
    public string NearValidSpec(int rules)
    {
        var builder = new StringBuilder();
        for (int i = 0; i < rules; i++)
        {
            if (i > 0)
            {
                builder.Append(Pick(",", ",", ",", " , ", ",,", ""));
            }

            builder.Append(Pick("", "", "", " ", "\t", "\u00a0"));
            if (_random.Next(4) == 0)
            {
                builder.Append('^');
                builder.Append(Pick("", "", " "));
            }

            builder.Append(Number());
            if (_random.Next(2) == 0)
            {
                builder.Append(Pick("-", "-", " - ", "--", "-+"));
                builder.Append(Number());
            }

            if (_random.Next(12) == 0)
            {
                AppendRandomChar(builder);
            }
        }

        return builder.ToString();
    }

    /// <summary>One or more mutations of a seed (or of a splice of two seeds).</summary>
    public string Mutate(string input)
    {
        var builder = new StringBuilder(input);
        int mutations = 1 + _random.Next(4);
        for (int m = 0; m < mutations; m++)
        {
            int at = builder.Length == 0 ? 0 : _random.Next(builder.Length + 1);
            switch (_random.Next(7))
            {
                case 0 when builder.Length > 0: // replace a character
                    builder.Remove(Math.Min(at, builder.Length - 1), 1);
                    builder.Insert(Math.Min(at, builder.Length), RandomChars(1));
                    break;
                case 1: // insert characters
                    builder.Insert(at, RandomChars(1 + _random.Next(3)));
                    break;
                case 2 when builder.Length > 0: // delete a run
                    int start = Math.Min(at, builder.Length - 1);
                    builder.Remove(start, Math.Min(1 + _random.Next(3), builder.Length - start));
                    break;
                case 3 when builder.Length > 0: // duplicate a run
                    int from = _random.Next(builder.Length);
                    int length = Math.Min(1 + _random.Next(8), builder.Length - from);
                    builder.Insert(at, builder.ToString(from, length));
                    break;
                case 4: // splice in another seed
                    builder.Insert(at, Seeds[_random.Next(Seeds.Length)]);
                    break;
                case 5: // a grammar character
                    builder.Insert(at, Pick(",", "-", "^", "+", " "));
                    break;
                default: // a number, sometimes huge
                    builder.Insert(at, Number());
                    break;
            }
        }

        return builder.ToString();
    }

    public string Seed() => Seeds[_random.Next(Seeds.Length)];

    public int Next(int maxValue) => _random.Next(maxValue);

    private string Number() => _random.Next(10) switch
    {
        0 => "0",
        1 => "65535",
        2 => "65536",
        3 => new string('9', 1 + _random.Next(30)),
        4 => "00" + _random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture),
        5 => "+" + _random.Next(70).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => _random.Next(_random.Next(2) == 0 ? 64 : 70000).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private string Pick(params string[] options) => options[_random.Next(options.Length)];

    private void AppendRandomChar(StringBuilder builder)
    {
        int which = _random.Next(Classes.Length + 2);
        if (which == Classes.Length)
        {
            // A valid surrogate pair outside the BMP: an emoji, or a private-use plane character.
            builder.Append(char.ConvertFromUtf32(_random.Next(2) == 0 ? 0x1F600 + _random.Next(80) : 0xF0000 + _random.Next(1000)));
        }
        else if (which == Classes.Length + 1)
        {
            // Any UTF-16 code unit at all.
            builder.Append((char)_random.Next(char.MaxValue + 1));
        }
        else
        {
            string members = Classes[which];
            builder.Append(members[_random.Next(members.Length)]);
        }
    }
}
