using System.Text.Json;
using Nova.Resources.Compute;
using Nova.Resources.Libvirt.Capabilities;
using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests.Capabilities;

/// <summary>Nova's <c>cpu_info</c> string for libvirt capabilities, through the core's <see cref="CpuInfo.ToNovaJson"/>.</summary>
public sealed class CpuInfoNovaJsonTests
{
    private static string NovaJsonOf(string capabilitiesXml)
        => CapabilitiesMapper.ToCpuInfo(CapabilitiesParser.Parse(capabilitiesXml)).ToNovaJson();

    [Fact]
    public void ToNovaJson_TestDriverDefault_IsNovasExactString()
    {
        // The string Nova 26.2.2 (python3-nova) produces for this file: see the theory below.
        NovaJsonOf(Fixtures.Read("caps-test-default.xml")).Should().Be(
            "{\"arch\": \"i686\", \"model\": null, \"vendor\": null, \"topology\": {\"cells\": 2, \"sockets\": null, \"cores\": null, \"threads\": null}, \"features\": []}");
    }

    [Theory]
    [InlineData("caps-test-default.xml")]
    [InlineData("caps-test-node-64cpu.xml")]
    [InlineData("caps-qemu-kvm.xml")]
    [InlineData("caps-maxphysaddr.xml")]
    public void ToNovaJson_SavedCapabilities_MatchesNovasOwnCode(string fixture)
    {
        var nova = Fixtures.Nova(fixture);
        string novaJson = nova.GetProperty("cpu_info").GetString()!;

        string ours = NovaJsonOf(Fixtures.Read(fixture));

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
    public void ToNovaJson_MaxPhysAddr_IsLeftOutAsZedDoes()
    {
        // Nova 29 and later would add "maxphysaddr": {"mode": "emulate", "bits": 46} before "features"; Zed (26) does not.
        NovaJsonOf(Fixtures.Read("caps-maxphysaddr.xml")).Should().Be(
            "{\"arch\": \"x86_64\", \"model\": null, \"vendor\": null, \"topology\": {\"cells\": 1, \"sockets\": 1, \"cores\": 2, \"threads\": 1}, \"features\": [\"vmx\"]}");
    }

    [Fact]
    public void ToNovaJson_TestNodeFileWithZeroCells_IsNovasExactString()
    {
        // A node file's capabilities have an empty <cells num='0'>: Nova counts 0 cells (not the default 1).
        NovaJsonOf(Fixtures.Read("caps-test-node-64cpu.xml")).Should().Be(
            "{\"arch\": \"i686\", \"model\": null, \"vendor\": null, \"topology\": {\"cells\": 0, \"sockets\": null, \"cores\": null, \"threads\": null}, \"features\": []}");
    }

    [Fact]
    public void ToNovaJson_SpecialCharacters_EscapesAsPythonJsonDoes()
    {
        NovaJsonOf("<capabilities><host><cpu><model>a\"b\\c\tÉ</model></cpu></host></capabilities>")
            .Should().Contain("\"model\": \"a\\\"b\\\\c\\t\\u00c9\"");
    }

    [Fact]
    public void FromNovaJson_TestDriverDefault_ReadsBackTheSameCpuInfo()
    {
        var info = CapabilitiesMapper.ToCpuInfo(CapabilitiesParser.Parse(Fixtures.Read("caps-test-default.xml")));

        CpuInfo.FromNovaJson(Fixtures.Nova("caps-test-default.xml").GetProperty("cpu_info").GetString()!).Should().Be(info);
    }
}
