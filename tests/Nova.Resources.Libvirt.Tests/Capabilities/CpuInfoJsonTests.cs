using System.Text.Json;
using Nova.Resources.Libvirt.Capabilities;
using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests.Capabilities;

public sealed class CpuInfoJsonTests
{
    [Fact]
    public void Format_TestDriverDefault_IsNovasExactString()
    {
        var caps = CapabilitiesParser.Parse(Fixtures.Read("caps-test-default.xml"));

        // The string Nova 26.2.2 (python3-nova) produces for this file: see NovasOwnCode below.
        CpuInfoJson.Format(caps).Should().Be(
            "{\"arch\": \"i686\", \"model\": null, \"vendor\": null, \"topology\": {\"cells\": 2, \"sockets\": null, \"cores\": null, \"threads\": null}, \"features\": []}");
    }

    [Theory]
    [InlineData("caps-test-default.xml")]
    [InlineData("caps-test-node-64cpu.xml")]
    [InlineData("caps-qemu-kvm.xml")]
    public void Format_SavedCapabilities_MatchesNovasOwnCode(string fixture)
    {
        var nova = Fixtures.Nova(fixture);
        string novaJson = nova.GetProperty("cpu_info").GetString()!;

        string ours = CpuInfoJson.Format(CapabilitiesParser.Parse(Fixtures.Read(fixture)));

        // Nova builds "features" from a set, so only its order may differ.
        using var expected = JsonDocument.Parse(novaJson);
        using var actual = JsonDocument.Parse(ours);
        foreach (string key in new[] { "arch", "model", "vendor", "topology" })
        {
            actual.RootElement.GetProperty(key).GetRawText().Should().Be(expected.RootElement.GetProperty(key).GetRawText(), key);
        }

        actual.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(expected.RootElement.EnumerateObject().Select(p => p.Name));
        actual.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetString())
            .Should().BeEquivalentTo(expected.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        if (expected.RootElement.GetProperty("features").GetArrayLength() <= 1)
        {
            ours.Should().Be(novaJson);
        }
    }

    [Fact]
    public void Format_MaxPhysAddr_AddsItBeforeFeaturesAsNovaMasterDoes()
    {
        var caps = CapabilitiesParser.Parse(
            "<capabilities><host><cpu><arch>x86_64</arch><topology sockets='1' cores='2' threads='1'/><maxphysaddr mode='emulate' bits='46'/><feature name='vmx'/></cpu></host></capabilities>");

        CpuInfoJson.Format(caps).Should().Be(
            "{\"arch\": \"x86_64\", \"model\": null, \"vendor\": null, \"topology\": {\"cells\": 1, \"sockets\": 1, \"cores\": 2, \"threads\": 1}, \"maxphysaddr\": {\"mode\": \"emulate\", \"bits\": 46}, \"features\": [\"vmx\"]}");
    }

    [Fact]
    public void Format_SpecialCharacters_EscapesAsPythonJsonDoes()
    {
        var caps = CapabilitiesParser.Parse("<capabilities><host><cpu><model>a\"b\\c\tÉ</model></cpu></host></capabilities>");

        CpuInfoJson.Format(caps).Should().Contain("\"model\": \"a\\\"b\\\\c\\t\\u00c9\"");
    }

    [Fact]
    public void Format_HostWithTopology_AgreesWithCoreCpuInfoJson()
    {
        var caps = CapabilitiesParser.Parse(Fixtures.Read("caps-qemu-kvm.xml"));

        CpuInfoJson.Format(caps).Should().Be(CapabilitiesMapper.ToCpuInfo(caps).ToNovaJson());
    }
}
