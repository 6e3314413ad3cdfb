using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests;

/// <summary>
/// Malformed test-driver node files through <see cref="LibvirtDriver"/>: each read fails with a
/// <see cref="LibvirtException"/> that carries libvirt's own message (or, where libvirt accepts the file, gives
/// documented values), and the same driver recovers once the file is good again (the connection is reopened).
/// </summary>
public sealed class HostileNodeFileTests : IDisposable
{
    private const string Good =
        "<node><cpu><mhz>2400</mhz><model>x86_64</model><nodes>1</nodes><sockets>1</sockets><cores>4</cores>"
        + "<threads>1</threads><active>4</active></cpu><memory>8388608</memory></node>";

    private readonly string _directory = Directory.CreateTempSubdirectory("nova-hostile-node-").FullName;

    public static TheoryData<string, string, string> Refused => new()
    {
        // case, file content, a part of libvirt's message (checked against virsh -c test:///file nodeinfo)
        { "empty file", string.Empty, "Document is empty" },
        { "truncated", Good[..38], "Premature end of data" },
        { "binary", "\u0001\u0002\u00ff garbage", "Start tag expected" },
        { "wrong root", "<host/>", "expecting root element of 'node'" },
        { "wrong type", Good.Replace("<cores>4</cores>", "<cores>four</cores>", StringComparison.Ordinal), "invalid node cpu cores value" },
        { "negative", Good.Replace("<cores>4</cores>", "<cores>-1</cores>", StringComparison.Ordinal), "invalid node cpu cores value" },
        { "huge memory", Good.Replace("<memory>8388608</memory>", "<memory>99999999999999999999999</memory>", StringComparison.Ordinal), "invalid node memory value" },
        { "negative memory", Good.Replace("<memory>8388608</memory>", "<memory>-5</memory>", StringComparison.Ordinal), "invalid node memory value" },
        { "huge domain memory", Good.Replace("</node>", "<domain type='test'><name>big</name><memory>99999999999999999</memory><vcpu>4</vcpu><os><type>hvm</type></os></domain></node>", StringComparison.Ordinal), "value too large" },
        { "deep nesting", "<node>" + string.Concat(Enumerable.Repeat("<a>", 1000)) + string.Concat(Enumerable.Repeat("</a>", 1000)) + "</node>", "Excessive depth in document: 256" },
        { "billion laughs", BillionLaughs, "Detected an entity reference loop" },
    };

    /// <summary>Nested entities that would expand to gigabytes; libxml2 refuses the document.</summary>
    private static string BillionLaughs =>
        "<?xml version=\"1.0\"?><!DOCTYPE node [<!ENTITY a \"" + new string('a', 64) + "\">"
        + string.Concat("bcdefg".Select((name, i) => $"<!ENTITY {name} \"{string.Concat(Enumerable.Repeat($"&{(char)('a' + i)};", 20))}\">"))
        + "]><node><cpu><model>&g;</model></cpu></node>";

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task GetAvailableResourceAsync_MalformedNodeFile_ThrowsLibvirtsErrorThenRecovers(string name, string content, string message)
    {
        string file = Write(content);
        using var driver = Drivers.Create("test://" + file);

        var error = (await FluentActions.Awaiting(() => driver.GetAvailableResourceAsync("node").AsTask())
            .Should().ThrowAsync<LibvirtException>(name)).Which;

        error.LibvirtMessage.Should().Contain(message, name);
        error.Message.Should().Contain(error.LibvirtMessage);

        // The connection never opened: the next call opens it again and reads the repaired file.
        await File.WriteAllTextAsync(file, Good);
        var resources = await driver.GetAvailableResourceAsync("node");
        resources!.Vcpus.Should().Be(4);
        resources.MemoryMb.Should().Be(8192);
    }

    [Theory]
    [InlineData("<nodes>1</nodes>", "<nodes>0</nodes>", "zero NUMA nodes")]
    [InlineData("<sockets>1</sockets><cores>4</cores>", "<sockets>65536</sockets><cores>65536</cores>", "sockets x cores overflows to 0")]
    public async Task GetAvailableResourceAsync_NodeFileWithNoCpus_ReportsZeroVcpus(string original, string replacement, string reason)
    {
        string content = Good.Replace(original, replacement, StringComparison.Ordinal).Replace("<active>4</active>", string.Empty, StringComparison.Ordinal);
        using var driver = Drivers.Create("test://" + Write(content));

        var resources = await driver.GetAvailableResourceAsync("node");

        resources!.Vcpus.Should().Be(0, reason);
        FluentActions.Invoking(resources.Verify).Should().NotThrow("0 is a value, not a missing or negative one");
    }

    [Fact]
    public async Task GetAvailableResourceAsync_ActiveAboveTheTopology_IsCappedByLibvirt()
    {
        using var driver = Drivers.Create("test://" + Write(Good.Replace("<active>4</active>", "<active>4294967295</active>", StringComparison.Ordinal)));

        var resources = await driver.GetAvailableResourceAsync("node");

        resources!.Vcpus.Should().Be(4);
    }

    [Fact]
    public async Task GetAvailableResourceAsync_ExternalEntity_IsNotRead()
    {
        string secret = Path.Combine(_directory, "secret.txt");
        await File.WriteAllTextAsync(secret, "x86_64-from-a-file");
        string content = $"<?xml version=\"1.0\"?><!DOCTYPE node [<!ENTITY e SYSTEM \"file://{secret}\">]>"
            + Good.Replace("<model>x86_64</model>", "<model>&e;</model>", StringComparison.Ordinal);
        using var driver = Drivers.Create("test://" + Write(content));

        var resources = await driver.GetAvailableResourceAsync("node");

        resources!.Vcpus.Should().Be(4);
        resources.CpuInfo!.Arch.Should().NotContain("from-a-file");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string content)
    {
        string file = Path.Combine(_directory, $"node-{Guid.NewGuid():N}.xml");
        File.WriteAllText(file, content);
        return file;
    }
}
