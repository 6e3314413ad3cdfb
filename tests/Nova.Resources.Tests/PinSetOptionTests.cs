using Nova.Resources;

namespace Nova.Resources.Tests;

public sealed class PinSetOptionTests
{
    [Theory]
    [InlineData(PinSetOption.VcpuPinSet)]
    [InlineData(PinSetOption.CpuSharedSet)]
    [InlineData(PinSetOption.CpuDedicatedSet)]
    public void Parse_UnsetOrEmpty_ReturnsNull(string option)
    {
        PinSetOption.Parse(null, option).Should().BeNull();
        PinSetOption.Parse(string.Empty, option).Should().BeNull();
    }

    [Fact]
    public void Parse_NovaTestCases_GiveNovasSets()
    {
        PinSetOption.Parse("1-3,5,^2", PinSetOption.VcpuPinSet).Should().Equal(1, 3, 5);
        PinSetOption.Parse("0-5,6,^2", PinSetOption.CpuSharedSet).Should().Equal(0, 1, 3, 4, 5, 6);
        PinSetOption.Parse("0-5,6,^2", PinSetOption.CpuDedicatedSet).Should().Equal(0, 1, 3, 4, 5, 6);
    }

    [Theory]
    [InlineData(PinSetOption.VcpuPinSet, "0-1,^0,^1", "No CPUs available after parsing 'vcpu_pin_set' config, '0-1,^0,^1'")]
    [InlineData(PinSetOption.VcpuPinSet, " ", "No CPUs available after parsing 'vcpu_pin_set' config, ' '")]
    [InlineData(PinSetOption.CpuSharedSet, "0-1,^0,^1", "No CPUs available after parsing '[compute] cpu_shared_set' config, '0-1,^0,^1'")]
    [InlineData(PinSetOption.CpuDedicatedSet, "0-1,^0,^1", "No CPUs available after parsing '[compute] cpu_dedicated_set' config, '0-1,^0,^1'")]
    [InlineData(PinSetOption.CpuDedicatedSet, ",\t,", @"No CPUs available after parsing '[compute] cpu_dedicated_set' config, ',\t,'")]
    public void Parse_EmptyResult_ThrowsNovasMessage(string option, string value, string message)
    {
        var act = () => PinSetOption.Parse(value, option);

        var error = act.Should().Throw<CpuSpecFormatException>().Which;
        error.Message.Should().Be(message);
        error.Rule.Should().Be(value);
        error.Offset.Should().Be(0);
    }

    [Fact]
    public void Parse_GrammarError_ThrowsTheParserMessage()
    {
        var act = () => PinSetOption.Parse("0-3,x", PinSetOption.VcpuPinSet);

        act.Should().Throw<CpuSpecFormatException>().Which.Message.Should().Be("Invalid inclusion expression 'x'");
    }

    [Fact]
    public void Constants_AreNovasOptionNames()
    {
        PinSetOption.VcpuPinSet.Should().Be("vcpu_pin_set");
        PinSetOption.CpuSharedSet.Should().Be("[compute] cpu_shared_set");
        PinSetOption.CpuDedicatedSet.Should().Be("[compute] cpu_dedicated_set");
    }
}
