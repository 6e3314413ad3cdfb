using Nova.Resources;

namespace Nova.Resources.Tests;

public sealed class CpuSpecFormatTests
{
    public static TheoryData<int[], string, string> NovaFormatCases => new()
    {
        // nova/tests/unit/virt/test_hardware.py CPUSetTestCase.test_format_cpu_spec
        { [], string.Empty, string.Empty },
        { [1, 3], "1,3", "1,3" },
        { [1, 2, 4, 6], "1-2,4,6", "1,2,4,6" },
        { [10, 11, 13, 14, 15, 16, 19, 20, 40, 42, 48], "10-11,13-16,19-20,40,42,48", "10,11,13,14,15,16,19,20,40,42,48" },
        // More shapes.
        { [0], "0", "0" },
        { [0, 1, 2, 3], "0-3", "0,1,2,3" },
        { [63, 64], "63-64", "63,64" },
        { [0, 63, 64, 127, 128, 65535], "0,63-64,127-128,65535", "0,63,64,127,128,65535" },
    };

    [Theory]
    [MemberData(nameof(NovaFormatCases))]
    public void Format_Set_MatchesNova(int[] cpus, string withRanges, string withoutRanges)
    {
        var set = CpuSet.Create(cpus);

        set.ToString().Should().Be(withRanges);
        set.ToString(null, null).Should().Be(withRanges);
        set.ToString("G", null).Should().Be(withRanges);
        set.ToString("L", null).Should().Be(withoutRanges);
        $"{set}".Should().Be(withRanges);
        $"{set:L}".Should().Be(withoutRanges);
        CpuSpec.Format(set).Should().Be(withRanges);
        CpuSpec.Format(set, allowRanges: false).Should().Be(withoutRanges);
    }

    [Theory]
    [MemberData(nameof(NovaFormatCases))]
    public void Format_List_MatchesNova(int[] cpus, string withRanges, string withoutRanges)
    {
        int[] shuffled = [.. cpus.Reverse()];

        CpuSpec.Format(cpus).Should().Be(withRanges);
        CpuSpec.Format(shuffled).Should().Be(withRanges);
        CpuSpec.Format(cpus.Select(c => c), allowRanges: false).Should().Be(withoutRanges);
        CpuSpec.Format(new HashSet<int>(cpus)).Should().Be(withRanges);
    }

    [Theory]
    [InlineData(new[] { 1, 1, 2 }, "1,1-2", "1,1,2")]
    [InlineData(new[] { 2, 1, 1 }, "1,1-2", "1,1,2")]
    [InlineData(new[] { 1, 2, 2, 3 }, "1-2,2-3", "1,2,2,3")]
    [InlineData(new[] { 5, 5, 5 }, "5,5,5", "5,5,5")]
    [InlineData(new[] { 2147483646, 2147483647 }, "2147483646-2147483647", "2147483646,2147483647")]
    public void Format_ListWithDuplicates_KeepsNovasQuirk(int[] cpus, string withRanges, string withoutRanges)
    {
        CpuSpec.Format(cpus).Should().Be(withRanges);
        CpuSpec.Format(cpus, allowRanges: false).Should().Be(withoutRanges);
    }

    [Fact]
    public void Format_Negative_ThrowsArgumentOutOfRange()
    {
        var act = () => CpuSpec.Format([-1, 0, 1]);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("cpus");
    }

    [Fact]
    public void Format_Null_Throws()
    {
        var act = () => CpuSpec.Format(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void ToString_UnknownFormat_ThrowsFormatException()
    {
        var set = CpuSet.Range(0, 3);

        var act = () => set.ToString("X", null);

        act.Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData("0-3", "")]
    [InlineData("1-2,4,6,10-11,13-16,19-20,40,42,48", "")]
    [InlineData("1-2,4,6,10-11,13-16,19-20,40,42,48", "L")]
    [InlineData("0-1023", "")]
    [InlineData("0-1023", "L")]
    public void TryFormat_EveryTooSmallBuffer_FailsWritingNothing(string spec, string format)
    {
        var set = CpuSet.Parse(spec);
        string expected = set.ToString(format, null);
        char[] buffer = new char[expected.Length + 8];

        for (int size = 0; size < expected.Length; size++)
        {
            set.TryFormat(buffer.AsSpan(0, size), out int written, format).Should().BeFalse();
            written.Should().Be(0);
        }

        set.TryFormat(buffer.AsSpan(0, expected.Length), out int exact, format).Should().BeTrue();
        new string(buffer, 0, exact).Should().Be(expected);
        set.TryFormat(buffer, out int roomy, format).Should().BeTrue();
        new string(buffer, 0, roomy).Should().Be(expected);
    }

    [Fact]
    public void TryFormat_Empty_WritesNothing()
    {
        CpuSet.Empty.TryFormat(Span<char>.Empty, out int written).Should().BeTrue();
        written.Should().Be(0);
        CpuSet.Empty.ToString().Should().BeEmpty();
    }

    [Fact]
    public void RoundTrip_RandomSets_ParseOfFormatIsTheSameSet()
    {
        var random = new Random(1234);
        for (int n = 0; n < 1000; n++)
        {
            int max = random.Next(1, n % 10 == 0 ? CpuSet.MaxCpuId + 1 : 300);
            double density = random.NextDouble();
            var ids = Enumerable.Range(0, max).Where(_ => random.NextDouble() < density).ToArray();
            var set = CpuSet.Create(ids);

            (CpuSet.Parse(set.ToString()) == set).Should().BeTrue(set.ToString());
            (CpuSet.Parse(set.ToString("L", null)) == set).Should().BeTrue();
            CpuSpec.Format(ids).Should().Be(set.ToString());
        }
    }

    [Fact]
    public void Enumeration_IsAscendingAndRestartable()
    {
        var set = CpuSet.Parse("130,0-2,64,^1");
        var e = set.GetEnumerator();
        var seen = new List<int>();
        while (e.MoveNext())
        {
            seen.Add(e.Current);
        }

        seen.Should().Equal(0, 2, 64, 130);
        e.Reset();
        e.MoveNext().Should().BeTrue();
        e.Current.Should().Be(0);
        CpuSet.Empty.GetEnumerator().MoveNext().Should().BeFalse();
    }
}
