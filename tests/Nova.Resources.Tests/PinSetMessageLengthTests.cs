using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests;

public sealed class PinSetMessageLengthTests
{
    [Theory]
    [InlineData('x')] // a grammar error in one 1 MB rule
    [InlineData('\0')] // a string of NULs: 4 characters each when quoted in full
    public void Validate_HugeInvalidPinSet_MessageStaysReadable(char filler)
    {
        string value = new(filler, 1_000_000);
        var services = new ServiceCollection();
        services.AddNovaResources(o => o.VcpuPinSet = value).AddComputeDriver<FakeComputeDriver>();
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<ComputeResourceOptions>>().Value;

        var message = read.Should().Throw<OptionsValidationException>().Which.Message;
        message.Should().Contain("VcpuPinSet").And.Contain("(a value of 1000000 characters)");
        message.Length.Should().BeLessThan(2_500, "the rule and the value are each quoted only in part (a NUL quotes as four characters)");
    }

    [Fact]
    public void Parse_HugePinSetWithNoCpus_MessageStaysReadable()
    {
        string value = string.Concat(Enumerable.Repeat("0,^0,", 200_000));

        var parse = () => PinSetOption.Parse(value, PinSetOption.VcpuPinSet);

        var error = parse.Should().Throw<CpuSpecFormatException>().Which;
        error.Message.Should().StartWith("No CPUs available after parsing 'vcpu_pin_set' config, '0,^0,")
            .And.EndWith("(a value of 1000000 characters)");
        error.Message.Length.Should().BeLessThan(400);
        error.Rule.Should().Be(value);
    }
}
