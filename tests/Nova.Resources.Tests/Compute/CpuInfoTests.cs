using Nova.Resources.Compute;

namespace Nova.Resources.Tests.Compute;

public sealed class CpuInfoTests
{
    // Nova's FakeDriver cpu_info (nova/virt/fake.py), stored verbatim by Nova.
    private const string FakeDriverCpuInfo =
        "{\"arch\": \"x86_64\", \"model\": \"Nehalem\", \"vendor\": \"Intel\", \"features\": [\"pge\", \"clflush\"], \"topology\": {\"cores\": 1, \"threads\": 1, \"sockets\": 4}}";

    [Fact]
    public void ToNovaJson_LibvirtShape_MatchesPythonJsonDumpsInLibvirtKeyOrder()
    {
        var info = new CpuInfo
        {
            Arch = "x86_64",
            Model = "Nehalem",
            Vendor = "Intel",
            Topology = new CpuTopology(Cells: 2, Sockets: 1, Cores: 4, Threads: 2),
            Features = ["pge", "clflush"],
        };

        // Expected text produced by oslo_serialization.jsonutils.dumps with libvirt's key order.
        info.ToNovaJson().Should().Be(
            "{\"arch\": \"x86_64\", \"model\": \"Nehalem\", \"vendor\": \"Intel\", \"topology\": {\"cells\": 2, \"sockets\": 1, \"cores\": 4, \"threads\": 2}, \"features\": [\"pge\", \"clflush\"]}");
    }

    [Fact]
    public void ToNovaJson_NullModelAndNoTopology_WritesNullAndLeavesTopologyOut()
    {
        var info = new CpuInfo { Arch = "aarch64", Vendor = "ARM" };

        info.ToNovaJson().Should().Be("{\"arch\": \"aarch64\", \"model\": null, \"vendor\": \"ARM\", \"features\": []}");
    }

    [Fact]
    public void ToNovaJson_UnknownCells_LeavesCellsOut()
    {
        var info = new CpuInfo { Arch = "x86_64", Model = "Nehalem", Vendor = "Intel", Topology = new CpuTopology(null, 4, 1, 1) };

        info.ToNovaJson().Should().Contain("\"topology\": {\"sockets\": 4, \"cores\": 1, \"threads\": 1}");
    }

    [Fact]
    public void ToNovaJson_UnknownSocketsCoresThreads_WritesNullsLikeNovaLibvirt()
    {
        var info = new CpuInfo { Arch = "i686", Topology = new CpuTopology(Cells: 2, Sockets: null, Cores: null, Threads: null) };

        // oslo_serialization.jsonutils.dumps of the dict Nova 26's LibvirtDriver._get_cpu_info builds for
        // libvirt's test driver (a host CPU without <topology>, two NUMA cells).
        info.ToNovaJson().Should().Be(
            "{\"arch\": \"i686\", \"model\": null, \"vendor\": null, \"topology\": {\"cells\": 2, \"sockets\": null, \"cores\": null, \"threads\": null}, \"features\": []}");
    }

    [Fact]
    public void ToNovaJson_SomeTopologyValuesUnknown_WritesOnlyThoseAsNull()
    {
        var info = new CpuInfo { Topology = new CpuTopology(1, 2, null, 1) };

        info.ToNovaJson().Should().Contain("\"topology\": {\"cells\": 1, \"sockets\": 2, \"cores\": null, \"threads\": 1}");
    }

    [Fact]
    public void ToNovaJson_SpecialCharacters_EscapesAsPythonEnsureAscii()
    {
        var info = new CpuInfo { Arch = "aarch64", Vendor = "Caf\u00e9 \"q\" \\ \t\n\u0001\u007f\u2003\U0001F600" };

        // json.dumps escapes every character outside printable ASCII as \uXXXX (lower-case), surrogates one by one.
        info.ToNovaJson().Should().Be(
            "{\"arch\": \"aarch64\", \"model\": null, \"vendor\": \"Caf\\u00e9 \\\"q\\\" \\\\ \\t\\n\\u0001\\u007f\\u2003\\ud83d\\ude00\", \"features\": []}");
    }

    [Fact]
    public void FromNovaJson_FakeDriverText_ReadsEveryValue()
    {
        var info = CpuInfo.FromNovaJson(FakeDriverCpuInfo);

        info.Should().Be(new CpuInfo
        {
            Arch = "x86_64",
            Model = "Nehalem",
            Vendor = "Intel",
            Topology = new CpuTopology(null, Sockets: 4, Cores: 1, Threads: 1),
            Features = ["pge", "clflush"],
        });
    }

    [Fact]
    public void FromNovaJson_OwnOutput_RoundTrips()
    {
        var info = new CpuInfo
        {
            Arch = "x86_64",
            Model = null,
            Vendor = "Caf\u00e9\U0001F600",
            Topology = new CpuTopology(1, 2, 3, 4),
            Features = ["a", "b\"c"],
        };

        CpuInfo.FromNovaJson(info.ToNovaJson()).Should().Be(info);
    }

    [Fact]
    public void FromNovaJson_NullSocketsCoresThreads_ReadsNullsAndKeepsCells()
    {
        const string json =
            "{\"arch\": \"i686\", \"model\": null, \"vendor\": null, \"topology\": {\"cells\": 2, \"sockets\": null, \"cores\": null, \"threads\": null}, \"features\": []}";

        var info = CpuInfo.FromNovaJson(json);

        info.Should().Be(new CpuInfo { Arch = "i686", Topology = new CpuTopology(2, null, null, null) });
        info.ToNovaJson().Should().Be(json);
    }

    [Fact]
    public void FromNovaJson_TopologyKeysMissing_ReadsThemAsNull()
    {
        var info = CpuInfo.FromNovaJson("{\"topology\": {\"sockets\": 4}}");

        info.Topology.Should().Be(new CpuTopology(null, 4, null, null));
    }

    [Fact]
    public void FromNovaJson_UnknownKeys_AreIgnored()
    {
        var info = CpuInfo.FromNovaJson("{\"arch\": \"x86_64\", \"maxphysaddr\": {\"mode\": \"emulate\", \"bits\": 46}, \"features\": []}");

        info.Should().Be(new CpuInfo { Arch = "x86_64" });
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"features\": [1]}")]
    [InlineData("{\"topology\": {\"cores\": \"one\"}}")]
    [InlineData("{\"arch\": ")]
    public void FromNovaJson_NotCpuInfo_ThrowsFormatException(string json)
    {
        var act = () => CpuInfo.FromNovaJson(json);

        act.Should().Throw<FormatException>().WithMessage("cpu_info*");
    }

    [Fact]
    public void Features_ListChangedAfterInit_RecordKeepsItsCopy()
    {
        var features = new List<string> { "pge" };
        var info = new CpuInfo { Features = features };

        features.Add("clflush");

        info.Features.Should().Equal("pge");
        info.Features.Should().NotBeSameAs(features);
    }

    [Fact]
    public void Features_NullItem_ThrowsArgumentException()
    {
        var act = () => new CpuInfo { Features = ["pge", null!] };

        act.Should().Throw<ArgumentException>().WithParameterName("Features");
    }

    [Fact]
    public void Equals_SameFeaturesInDifferentLists_AreEqualWithEqualHashes()
    {
        var a = new CpuInfo { Arch = "x86_64", Features = new List<string> { "pge", "clflush" } };
        var b = new CpuInfo { Arch = "x86_64", Features = new[] { "pge", "clflush" } };

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a with { Features = ["clflush", "pge"] }).Should().NotBe(b);
    }
}
