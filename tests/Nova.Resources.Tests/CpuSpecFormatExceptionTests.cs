using Nova.Resources;

namespace Nova.Resources.Tests;

public sealed class CpuSpecFormatExceptionTests
{
    private const int Megabyte = 1 << 20;

    [Theory]
    [InlineData('9', "inclusion", ": CPU ids above 65535 are not supported")]
    [InlineData('x', "inclusion", "")]
    [InlineData('\0', "inclusion", "")]
    [InlineData('-', "range", "")]
    [InlineData('^', "exclusion", "")]
    public void Parse_MegabyteRule_QuotesItsStartWithItsLengthAndOffsetAndKeepsTheWholeRule(char c, string kind, string suffix)
    {
        string rule = new(c, Megabyte);
        string input = "1,2, " + rule + " ,3";

        var error = Assert.Throws<CpuSpecFormatException>(() => CpuSet.Parse(input));

        error.Rule.Should().Be(rule);
        error.Offset.Should().Be(5);
        error.Message.Should().Be(
            $"Invalid {kind} expression {PythonRepr.Quote(rule.AsSpan(0, CpuSpecFormatException.MaxQuotedRuleLength))}..."
            + $" (the start of a rule of {Megabyte} characters at offset 5){suffix}");

        // At most 4 characters per quoted NUL ('\x00'): a readable message however long the input.
        error.Message.Length.Should().BeLessThan((4 * CpuSpecFormatException.MaxQuotedRuleLength) + 120);
    }

    [Fact]
    public void Parse_RuleOfTheQuotedLength_KeepsNovasMessage()
    {
        string rule = "1" + new string('x', CpuSpecFormatException.MaxQuotedRuleLength - 1);

        var error = Assert.Throws<CpuSpecFormatException>(() => CpuSet.Parse("0," + rule));

        error.Message.Should().Be($"Invalid inclusion expression '{rule}'");
        error.Rule.Should().Be(rule);
        error.Offset.Should().Be(2);
    }

    [Fact]
    public void Parse_RuleOneLongerThanTheQuotedLength_IsCut()
    {
        string rule = new('x', CpuSpecFormatException.MaxQuotedRuleLength + 1);

        var error = Assert.Throws<CpuSpecFormatException>(() => CpuSet.Parse(rule));

        error.Message.Should().Be(
            $"Invalid inclusion expression '{rule[..^1]}'... (the start of a rule of {rule.Length} characters at offset 0)");
        error.Rule.Should().Be(rule);
    }

    [Fact]
    public void Parse_LongRuleCutWithinASurrogatePair_QuotesNoHalfCharacter()
    {
        // The 200th and 201st characters are one emoji: the quote stops before it rather than show a lone surrogate.
        string rule = new string('x', CpuSpecFormatException.MaxQuotedRuleLength - 1) + "\ud83d\ude00" + "yy";

        var error = Assert.Throws<CpuSpecFormatException>(() => CpuSet.Parse(rule));

        error.Message.Should().StartWith($"Invalid inclusion expression '{new string('x', CpuSpecFormatException.MaxQuotedRuleLength - 1)}'...");
        error.Rule.Should().Be(rule);
    }
}
