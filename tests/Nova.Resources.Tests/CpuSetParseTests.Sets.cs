using Nova.Resources;

namespace Nova.Resources.Tests;

public sealed partial class CpuSetParseTests
{
    [Fact]
    public void Parse_FullRange_HoldsEveryId()
    {
        var set = CpuSet.Parse("0-65535");

        set.Count.Should().Be(CpuSet.MaxCpuId + 1);
        set.Equals(CpuSet.Range(0, CpuSet.MaxCpuId)).Should().BeTrue();
    }

    [Fact]
    public void Parse_MegabyteOfCommas_IsEmpty()
    {
        string spec = new(',', 1 << 20);

        CpuSet.Parse(spec).Should().BeSameAs(CpuSet.Empty);
        CpuSet.Parse(spec + "7" + spec).Should().Equal(7);
    }

    [Fact]
    public void Parse_MegabyteOfDigits_ThrowsTheBound()
    {
        string spec = new('9', 1 << 20);

        var act = () => CpuSet.Parse(spec);

        act.Should().Throw<CpuSpecFormatException>().Which.Rule.Length.Should().Be(1 << 20);
    }

    [Fact]
    public void Parse_ResultTrimmedToHighestId_EqualsBuiltSet()
    {
        var parsed = CpuSet.Parse("0-2000,^64-2000");

        (parsed == CpuSet.Range(0, 63)).Should().BeTrue();
        parsed.GetHashCode().Should().Be(CpuSet.Range(0, 63).GetHashCode());
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        var act = () => CpuSet.Parse((string)null!);

        act.Should().Throw<ArgumentNullException>();
        CpuSet.TryParse((string?)null, out CpuSet? result).Should().BeFalse();
        result.Should().BeNull();
    }

    [Fact]
    public void SpanParsable_GenericParse_UsesNovaGrammar()
    {
        static T ParseGeneric<T>(string s)
            where T : ISpanParsable<T> => T.Parse(s.AsSpan(), null);

        static bool TryParseGeneric<T>(string s, out T? value)
            where T : IParsable<T> => T.TryParse(s, null, out value);

        ParseGeneric<CpuSet>("1-3,^2").Should().Equal(1, 3);
        TryParseGeneric("1-", out CpuSet? bad).Should().BeFalse();
        bad.Should().BeNull();
        TryParseGeneric("4", out CpuSet? good).Should().BeTrue();
        good.Should().Equal(4);
    }

    [Fact]
    public void Parse_RandomSpecs_MatchReferenceModel()
    {
        var random = new Random(20240602);
        for (int n = 0; n < 2000; n++)
        {
            var include = new HashSet<int>();
            var exclude = new HashSet<int>();
            var rules = new List<string>();
            int count = random.Next(0, 8);
            for (int r = 0; r < count; r++)
            {
                int a = random.Next(0, 300);
                int b = a + random.Next(0, 70);
                bool reject = random.Next(3) == 0;
                bool range = random.Next(2) == 0;
                string rule = (reject ? "^" : string.Empty) + (range ? $"{a} - {b}" : $"{a}");
                rules.Add(new string(' ', random.Next(3)) + rule + new string('\t', random.Next(2)));
                var target = reject ? exclude : include;
                for (int i = a; i <= (range ? b : a); i++)
                {
                    target.Add(i);
                }
            }

            include.ExceptWith(exclude);
            string spec = string.Join(',', rules);

            CpuSet.Parse(spec).SequenceEqual(include.Order()).Should().BeTrue(spec);
        }
    }
}
