using System.Text;
using Nova.Resources.Tests.Fuzz;

namespace Nova.Resources.Tests;

/// <summary>
/// Long specs through the parser's vectorised fast path (32 characters at a time) and the hand-over to Nova's rule
/// logic at every shape it does not take: each spec is checked against the reference model, set and error alike.
/// </summary>
public sealed class CpuSetParseFastPathTests
{
    /// <summary>Rules the fast path takes, and rules it must hand over (valid or not).</summary>
    private static readonly string[] OddRules =
    [
        " 5", "5 ", "+5", "^ 5", "05", "000005", "12345", "65535", "65536", "99999", "^65535", "^12345", "3-2", "1--1",
        "1-2-3", "^^1", "^", "-", "", "x", "1 2", "0--0", "7 - 9", "^70000", "1-65536", "\t", "^-1", "1-+3",
    ];

    [Fact]
    public void Parse_LongSpecsOfShortRulesWithOddOnes_MatchTheReferenceModel()
    {
        var random = new Random(20261201);
        var mismatches = new List<string>();
        for (int n = 0; n < 3000 && mismatches.Count < 10; n++)
        {
            string spec = LongSpec(random, rules: random.Next(8, 200), oddChance: n % 3 == 0 ? 0 : random.Next(2, 60));
            string? mismatch = Compare(spec);
            if (mismatch is not null)
            {
                mismatches.Add($"spec \"{spec}\": {mismatch}");
            }
        }

        mismatches.Should().BeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Parse_EveryIdOfOneDigitCount_GivesEveryId(int digits)
    {
        int first = digits == 1 ? 0 : (int)Math.Pow(10, digits - 1);
        int last = Math.Min((int)Math.Pow(10, digits) - 1, CpuSet.MaxCpuId);
        var ids = Enumerable.Range(first, last - first + 1).ToArray();

        CpuSet.Parse(string.Join(',', ids)).Should().Equal(ids);
        CpuSet.Parse($"0-{CpuSet.MaxCpuId}," + string.Join(',', ids.Select(i => $"^{i}")))
            .Should().Equal(Enumerable.Range(0, CpuSet.MaxCpuId + 1).Except(ids));
    }

    [Fact]
    public void Parse_DescendingAndInterleavedIds_GiveTheSameSet()
    {
        var ids = Enumerable.Range(0, 3000).Select(i => (i * 7919) % 20000).ToArray();

        CpuSet.Parse(string.Join(',', ids)).Should().Equal(ids.Distinct().Order());
        CpuSet.Parse(string.Join(',', ids.Reverse())).Should().Equal(ids.Distinct().Order());
        CpuSet.Parse("0-19999," + string.Join(',', ids.Select(i => $"^{i}"))).Should().Equal(Enumerable.Range(0, 20000).Except(ids));
    }

    [Fact]
    public void Parse_ShortSpecsAroundTheWordBounds_MatchTheReferenceModel()
    {
        // Specs under 32 characters with ids below 128 are read in registers (two words); ids from 128, 4-digit
        // numbers and odd rules hand over to the bitmap path, wherever they come.
        int[] ids = [0, 1, 9, 10, 62, 63, 64, 65, 99, 100, 126, 127, 128, 129, 999, 1000];
        string[] forms = ["{0}", "{0}-{1}", "^{0}", "^{0}-{1}", "{0},^{1}", "0-127,^{0}-{1}", "{0}-{1},{1}", "00{0}", "{0},,{1}", " {0}-{1}"];
        var mismatches = new List<string>();
        foreach (int a in ids)
        {
            foreach (int b in ids)
            {
                foreach (string form in forms)
                {
                    string spec = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, a, b);
                    foreach (string candidate in new[] { spec, $"5,{spec}", $"{spec},70-71" })
                    {
                        if (Compare(candidate) is { } mismatch)
                        {
                            mismatches.Add($"spec \"{candidate}\": {mismatch}");
                        }
                    }
                }
            }
        }

        mismatches.Should().BeEmpty();
    }

    private static string LongSpec(Random random, int rules, int oddChance)
    {
        var builder = new StringBuilder();
        for (int r = 0; r < rules; r++)
        {
            if (r > 0)
            {
                builder.Append(',');
            }

            if (oddChance > 0 && random.Next(oddChance) == 0)
            {
                builder.Append(OddRules[random.Next(OddRules.Length)]);
                continue;
            }

            int id = random.Next(4) switch
            {
                0 => random.Next(64),
                1 => random.Next(1024),
                2 => random.Next(10000),
                _ => random.Next(CpuSet.MaxCpuId + 1),
            };
            string reject = random.Next(4) == 0 ? "^" : string.Empty;
            builder.Append(random.Next(6) == 0 ? $"{reject}{id}-{id + random.Next(Math.Min(200, CpuSet.MaxCpuId - id + 1))}" : $"{reject}{id}");
        }

        return builder.ToString();
    }

    /// <summary>Compares Parse with the model: the same set, or the same message, rule and offset.</summary>
    private static string? Compare(string spec)
    {
        CpuSpecReferenceModel.Outcome expected = CpuSpecReferenceModel.Parse(spec);
        try
        {
            CpuSet set = CpuSet.Parse(spec);
            return expected.Runs is not null && CpuSpecReferenceModel.Runs(set).SequenceEqual(expected.Runs)
                ? null
                : $"ours {set}, the model's {(expected.Runs is null ? $"error at {expected.Offset}" : "another set")}";
        }
        catch (CpuSpecFormatException error)
        {
            string message = $"Invalid {expected.Kind} expression {PythonRepr.Quote(expected.Rule)}"
                + (expected.AboveBound ? $": CPU ids above {CpuSet.MaxCpuId} are not supported" : string.Empty);
            return expected.Runs is null && error.Message == message && error.Rule == expected.Rule && error.Offset == expected.Offset
                ? null
                : $"ours \"{error.Message}\" at {error.Offset}, the model's \"{message}\" at {expected.Offset}";
        }
    }
}
