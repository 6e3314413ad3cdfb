using Nova.Resources;

namespace Nova.Resources.Tests;

public sealed partial class CpuSetParseTests
{
    public static TheoryData<string, int[]> NovaValidSpecs => new()
    {
        // nova/tests/unit/virt/test_hardware.py CPUSetTestCase.test_parse_cpu_spec_valid_syntax_works
        { "1", [1] },
        { "1,2", [1, 2] },
        { ", ,   1 ,  ,,  2,    ,", [1, 2] },
        { "1-1", [1] },
        { " 1 - 1, 1 - 2 , 1 -3", [1, 2, 3] },
        { "1,^2", [1] },
        { "1-2, ^1", [2] },
        { "1-3,5,^2", [1, 3, 5] },
        { " 1 -    3        ,   ^2,        5", [1, 3, 5] },
        { " 1,1, ^1", [] },
        { "^0-1", [] },
        { "0-3,^1-2", [0, 3] },
        // CPUSetTestCase get_vcpu_pin_set ("1-3,5,^2", above) / get_cpu_shared_set / get_cpu_dedicated_set
        { "0-5,6,^2", [0, 1, 3, 4, 5, 6] },
        { "0-1,^0,^1", [] },
    };

    public static TheoryData<string, int[]> EdgeValidSpecs => new()
    {
        { "", [] },
        { "   ", [] },
        { ",,,", [] },
        { "1,,,2,", [1, 2] },
        { "+3", [3] },
        { "^+3", [] },
        { "+1-+3", [1, 2, 3] },
        { "1-+3", [1, 2, 3] },
        { "0--0", [0] },
        { "0- -0", [0] },
        { "007", [7] },
        { "0000000000000000000000000000012", [12] },
        { "1\n-\n3", [1, 2, 3] },
        { "^ 3", [] },
        { "^ 3-4, 1-5", [1, 2, 5] },
        { "^5,5", [] },
        { "0-3,^1-2,1", [0, 3] },
        { " \t\n\v\f\r1\r\n", [1] },
        { "\v1\f", [1] },
        { "63-64", [63, 64] },
        { "65535", [CpuSet.MaxCpuId] },
        { "65534-65535,^65534", [CpuSet.MaxCpuId] },
        { "00000000000000000000000000000065535", [CpuSet.MaxCpuId] },
    };

    public static TheoryData<string, string, string, int> NovaInvalidSpecs => new()
    {
        // CPUSetTestCase.test_parse_cpu_spec_invalid_syntax_raises, with the message Nova gives.
        { " -1-3,5,^2", "Invalid range expression '-1-3'", "-1-3", 1 },
        { "1-3-,5,^2", "Invalid range expression '1-3-'", "1-3-", 0 },
        { "-3,5,^2", "Invalid range expression '-3'", "-3", 0 },
        { "1-,5,^2", "Invalid range expression '1-'", "1-", 0 },
        { "1-3,5,^2^", "Invalid exclusion expression '^2^'", "^2^", 6 },
        { "1-3,5,^2-", "Invalid range expression '^2-'", "^2-", 6 },
        { "--13,^^5,^2", "Invalid range expression '--13'", "--13", 0 },
        { "a-3,5,^2", "Invalid range expression 'a-3'", "a-3", 0 },
        { "1-a,5,^2", "Invalid range expression '1-a'", "1-a", 0 },
        { "1-3,b,^2", "Invalid inclusion expression 'b'", "b", 4 },
        { "1-3,5,^c", "Invalid exclusion expression '^c'", "^c", 6 },
        { "3 - 1, 5 , ^ 2 ", "Invalid range expression '3 - 1'", "3 - 1", 0 },
    };

    public static TheoryData<string, string> EdgeInvalidSpecs => new()
    {
        { "-1", "Invalid range expression '-1'" },
        { "-0", "Invalid range expression '-0'" },
        { "- 1", "Invalid range expression '- 1'" },
        { "1--3", "Invalid range expression '1--3'" },
        { "1 2", "Invalid inclusion expression '1 2'" },
        { "^x", "Invalid exclusion expression '^x'" },
        { "^", "Invalid exclusion expression '^'" },
        { "^^1", "Invalid exclusion expression '^^1'" },
        { "+ 3", "Invalid inclusion expression '+ 3'" },
        { "^-3", "Invalid range expression '^-3'" },
        { "1-2-3", "Invalid range expression '1-2-3'" },
        { "0x10", "Invalid inclusion expression '0x10'" },
        { "1.0", "Invalid inclusion expression '1.0'" },
        { "1e3", "Invalid inclusion expression '1e3'" },
        { "^ 3 4", "Invalid exclusion expression '^ 3 4'" },
        { "x,1-", "Invalid inclusion expression 'x'" },
        { "1,^2, 3-1", "Invalid range expression '3-1'" },
        { "3\t-\t1", @"Invalid range expression '3\t-\t1'" },
        { "a\tb", @"Invalid inclusion expression 'a\tb'" },
        { "it's", "Invalid inclusion expression \"it's\"" },
        { "\"q\"", "Invalid inclusion expression '\"q\"'" },
        { "it's \"q\"", @"Invalid inclusion expression 'it\'s ""q""'" },
        { @"a\b", @"Invalid inclusion expression 'a\\b'" },
        { "\u0001\u007f", @"Invalid inclusion expression '\x01\x7f'" },
        { "1-0x", "Invalid range expression '1-0x'" },
        // A later id above the bound does not hide an earlier grammar error.
        { "x,99999", "Invalid inclusion expression 'x'" },
        // A reversed range is Nova's range error even when both ends are huge.
        { "99999999999999999999-99999999999999999998", "Invalid range expression '99999999999999999999-99999999999999999998'" },
        { "70000-1", "Invalid range expression '70000-1'" },
        { "5--99999999999999999999", "Invalid range expression '5--99999999999999999999'" },
    };

    public static TheoryData<string, string> NotPythonIntSpecs => new()
    {
        // Python's int() accepts these; we accept ASCII digits and ASCII whitespace only.
        { "1_0", "Invalid inclusion expression '1_0'" },
        { "\u0661", "Invalid inclusion expression '\u0661'" },
        { "\uff13", "Invalid inclusion expression '\uff13'" },
        { "1\u2003", @"Invalid inclusion expression '1\u2003'" },
        { "\u00a01", @"Invalid inclusion expression '\xa01'" },
        { "1\u001c", @"Invalid inclusion expression '1\x1c'" },
        { "1-1_0", "Invalid range expression '1-1_0'" },
        { "^1_0", "Invalid exclusion expression '^1_0'" },
    };

    [Theory]
    [MemberData(nameof(NovaValidSpecs))]
    [MemberData(nameof(EdgeValidSpecs))]
    public void Parse_ValidSpec_GivesNovasSet(string spec, int[] expected)
    {
        CpuSet.Parse(spec).Should().Equal(expected);
        CpuSet.Parse(spec.AsSpan()).Should().Equal(expected);
        CpuSet.TryParse(spec, out CpuSet? fromString).Should().BeTrue();
        fromString.Should().Equal(expected);
        CpuSet.TryParse(spec.AsSpan(), out CpuSet? fromSpan).Should().BeTrue();
        fromSpan.Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(NovaInvalidSpecs))]
    public void Parse_NovaInvalidSpec_ThrowsNovasMessageWithRuleAndOffset(string spec, string message, string rule, int offset)
    {
        var act = () => CpuSet.Parse(spec);

        var error = act.Should().Throw<CpuSpecFormatException>().Which;
        error.Message.Should().Be(message);
        error.Rule.Should().Be(rule);
        error.Offset.Should().Be(offset);
        spec.Substring(offset, rule.Length).Should().Be(rule);
        error.Should().BeAssignableTo<FormatException>();
    }

    [Theory]
    [MemberData(nameof(EdgeInvalidSpecs))]
    [MemberData(nameof(NotPythonIntSpecs))]
    public void Parse_InvalidSpec_ThrowsMessage(string spec, string message)
    {
        var act = () => CpuSet.Parse(spec.AsSpan());

        act.Should().Throw<CpuSpecFormatException>().WithMessage(message.Replace("*", "\\*", StringComparison.Ordinal).Replace("?", "\\?", StringComparison.Ordinal));
        act.Should().Throw<CpuSpecFormatException>().Which.Message.Should().Be(message);
        CpuSet.TryParse(spec, out CpuSet? result).Should().BeFalse();
        result.Should().BeNull();
        CpuSet.TryParse(spec.AsSpan(), out result).Should().BeFalse();
        result.Should().BeNull();
    }

    [Theory]
    [InlineData("65536", "Invalid inclusion expression '65536': CPU ids above 65535 are not supported", "65536")]
    [InlineData("0-65536", "Invalid range expression '0-65536': CPU ids above 65535 are not supported", "0-65536")]
    [InlineData("1,^65536", "Invalid exclusion expression '^65536': CPU ids above 65535 are not supported", "^65536")]
    [InlineData("^0-4294967296", "Invalid range expression '^0-4294967296': CPU ids above 65535 are not supported", "^0-4294967296")]
    [InlineData("99999999999999999999999999999999", "Invalid inclusion expression '99999999999999999999999999999999': CPU ids above 65535 are not supported", "99999999999999999999999999999999")]
    [InlineData("99999999999999999998-99999999999999999999", "Invalid range expression '99999999999999999998-99999999999999999999': CPU ids above 65535 are not supported", "99999999999999999998-99999999999999999999")]
    public void Parse_IdAboveBound_ThrowsNamingTheBound(string spec, string message, string rule)
    {
        var act = () => CpuSet.Parse(spec);

        var error = act.Should().Throw<CpuSpecFormatException>().Which;
        error.Message.Should().Be(message);
        error.Message.Should().Contain(CpuSet.MaxCpuId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        error.Rule.Should().Be(rule);
    }

    [Fact]
    public void Parse_ExclusionsBeforeInclusions_AppliedAfterAll()
    {
        CpuSet.Parse("^2,^5-6,0-7").Should().Equal(0, 1, 3, 4, 7);
        CpuSet.Parse("^0-63,0-127,^64").Should().Equal(Enumerable.Range(65, 63));
    }

    [Fact]
    public void Parse_FirstFailingRule_IsReported()
    {
        var act = () => CpuSet.Parse("0-3, ^x , 1-, y");

        var error = act.Should().Throw<CpuSpecFormatException>().Which;
        error.Message.Should().Be("Invalid exclusion expression '^x'");
        error.Rule.Should().Be("^x");
        error.Offset.Should().Be(5);
    }

    [Fact]
    public void Parse_HighIds_GrowsPastTheInlineBuffer()
    {
        var set = CpuSet.Parse("1,1000-1100,^1050,65535,^0-2");

        set.Count.Should().Be(101);
        set.Min.Should().Be(1000);
        set.Max.Should().Be(CpuSet.MaxCpuId);
        set.Contains(1050).Should().BeFalse();
        set.Contains(1).Should().BeFalse();
    }

    [Theory]
    [InlineData("^1,0-100,^64", 99)]
    [InlineData("0-63,^0,64", 64)]
    [InlineData("^63,63-64", 1)]
    [InlineData("1,+2,3-70", 70)]
    [InlineData("^ 1,0-3,200-201", 5)]
    public void Parse_SmallSetThatGrows_KeepsEarlierRules(string spec, int count)
    {
        var set = CpuSet.Parse(spec);
        var expected = new HashSet<int>();
        var excluded = new HashSet<int>();
        foreach (string rule in spec.Split(','))
        {
            string r = rule.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("+", string.Empty, StringComparison.Ordinal);
            var target = r.StartsWith('^') ? excluded : expected;
            string[] parts = r.TrimStart('^').Split('-');
            int first = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            int last = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : first;
            target.UnionWith(Enumerable.Range(first, last - first + 1));
        }

        expected.ExceptWith(excluded);
        set.Count.Should().Be(count);
        set.Should().Equal(expected.Order());
    }
}
