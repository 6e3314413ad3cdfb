using System.Text;
using Nova.Resources.Libvirt.Capabilities;
using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests.Capabilities;

/// <summary>
/// Malformed capabilities XML through everything the driver does with it (parse, cpu_info, cpu_info JSON,
/// supported instances, NUMA topology): the result is either a value or a <see cref="FormatException"/> naming
/// what was wrong, never another exception, a hang or an unbounded allocation. DTDs are refused outright.
/// </summary>
public sealed class CapabilitiesHostileInputTests
{
    private const string Kvm = "caps-qemu-kvm.xml";

    public static TheoryData<string, string, string, string> BadValues => new()
    {
        // fixture text, replacement, what the message must name, case
        { "sockets='2'", "sockets='two'", "sockets='two'", "wrong type" },
        { "sockets='2'", "sockets='99999999999999999999'", "sockets='99999999999999999999'", "huge number" },
        { "threads='2'", "threads=''", "threads=''", "empty" },
        { "<cell id='0'>", "<cell id='x'>", "id='x'", "wrong type" },
        { "<cell id='0'>", "<cell>", "has no id", "missing attribute" },
        { "<cpu id='0' socket_id='0'", "<cpu socket_id='0'", "has no id", "missing attribute" },
        { "<cpu id='0' socket_id='0'", "<cpu id='-1' socket_id='0'", "-1", "negative CPU id" },
        { "<cpu id='0' socket_id='0'", "<cpu id='65536' socket_id='0'", "65536", "CPU id above the bound" },
        { "<cpu id='0' socket_id='0'", "<cpu id='99999999999' socket_id='0'", "id='99999999999'", "huge CPU id" },
        { "siblings='0,8'", "siblings='0-99999'", "0-99999", "sibling above the bound" },
        { "siblings='0,8'", "siblings='8-0'", "8-0", "reversed range" },
        { "siblings='0,8'", "siblings='0,x'", "0,x", "wrong type" },
        { "siblings='0,8'", "siblings='-1'", "-1", "negative" },
        { "<memory unit='KiB'>65842232</memory>", "<memory unit='KiB'>lots</memory>", "lots", "wrong type" },
        { "<memory unit='KiB'>65842232</memory>", "<memory unit='KiB'>99999999999999999999999</memory>", "99999999999999999999999", "huge number" },
        { "<pages unit='KiB' size='4'>15936302</pages>", "<pages unit='KiB' size='4'>-</pages>", "'-'", "wrong type" },
        { "<pages unit='KiB' size='4'>15936302</pages>", "<pages unit='KiB' size='4k'>1</pages>", "size='4k'", "wrong type" },
    };

    public static TheoryData<string, string> DoctypeAttacks => new()
    {
        {
            "billion laughs",
            """
            <!DOCTYPE capabilities [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
              <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
              <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
              <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
            ]>
            <capabilities><host><cpu><model>&g;</model></cpu></host></capabilities>
            """
        },
        {
            "quadratic blowup",
            "<!DOCTYPE capabilities [<!ENTITY a \"" + new string('a', 50_000) + "\">]><capabilities><host><cpu><model>"
                + string.Concat(Enumerable.Repeat("&a;", 50_000)) + "</model></cpu></host></capabilities>"
        },
        {
            "external entity",
            """
            <!DOCTYPE capabilities [<!ENTITY e SYSTEM "file:///etc/hostname">]>
            <capabilities><host><cpu><model>&e;</model></cpu></host></capabilities>
            """
        },
        {
            "external DTD",
            """
            <!DOCTYPE capabilities SYSTEM "file:///etc/hostname">
            <capabilities/>
            """
        },
        {
            "harmless internal subset",
            "<!DOCTYPE capabilities []><capabilities/>"
        },
    };

    [Fact]
    public void Parse_EveryTruncation_ThrowsFormatException()
    {
        string xml = Fixtures.Read(Kvm).TrimEnd();
        int root = xml.LastIndexOf("</capabilities>", StringComparison.Ordinal);

        var wrong = new List<string>();
        for (int length = 0; length < root; length++)
        {
            try
            {
                Pipeline(xml[..length]);
                wrong.Add($"{length}: parsed");
            }
            catch (FormatException e) when (e.Message.StartsWith("The libvirt capabilities XML is not well formed: ", StringComparison.Ordinal))
            {
            }
            catch (Exception e)
            {
                wrong.Add($"{length}: {e.GetType().Name}: {e.Message}");
            }
        }

        wrong.Should().BeEmpty("every strict prefix of the document is not well formed");
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Parse_BadValue_ThrowsFormatExceptionNamingIt(string original, string replacement, string named, string reason)
    {
        string xml = Fixtures.Read(Kvm);
        xml.Should().Contain(original);
        string bad = ReplaceFirst(xml, original, replacement);

        var act = () => Pipeline(bad);

        act.Should().Throw<FormatException>(reason).Which.Message.Should().Contain(named);
    }

    [Theory]
    [MemberData(nameof(DoctypeAttacks))]
    public void Parse_Doctype_IsRefusedBeforeAnyExpansion(string attack, string xml)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();

        var act = () => Pipeline(xml);

        act.Should().Throw<FormatException>(attack).WithMessage("The libvirt capabilities XML is not well formed: *DTD*");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().BeLessThan(4L * 1024 * 1024, "{0} must be refused before any entity is expanded", attack);
    }

    [Fact]
    public void Parse_MissingParts_GivesDocumentedFallbacks()
    {
        var bare = CapabilitiesParser.Parse("<capabilities/>");
        bare.Cpu.Arch.Should().BeNull();
        bare.Cells.Should().BeNull("no <topology>: no NUMA cells");
        bare.Guests.Should().BeEmpty();
        CapabilitiesMapper.ToNumaTopology(bare, CpuSet.Empty, CpuSet.Empty).Should().BeNull();
        CapabilitiesMapper.ToSupportedInstances(bare).Should().BeEmpty();
        CapabilitiesMapper.ToCpuInfo(bare).ToNovaJson().Should().Contain("\"features\": []");

        var noCells = CapabilitiesParser.Parse("<capabilities><host><topology><cells num='0'/></topology></host><guest/></capabilities>");
        noCells.Cells.Should().BeEmpty();
        CapabilitiesMapper.AllCpus(noCells).Should().BeEmpty();
        noCells.Guests.Should().ContainSingle().Which.DomainTypes.Should().BeEmpty();

        var cpuWithoutAnything = CapabilitiesParser.Parse("<capabilities><host><cpu><topology/><feature/><feature policy='disable' name='x'/></cpu></host></capabilities>");
        cpuWithoutAnything.Cpu.Features.Should().BeEmpty();
        CapabilitiesMapper.ToCpuInfo(cpuWithoutAnything).Topology.Should().BeEquivalentTo(
            new { Cells = 1, Sockets = (int?)null, Cores = (int?)null, Threads = (int?)null },
            "an empty <topology/> gives Nova's null shape, counting one cell");
    }

    [Fact]
    public void Parse_WrongRootOrNotXml_ThrowsFormatException()
    {
        FluentActions.Invoking(() => Pipeline("<node/>")).Should().Throw<FormatException>().WithMessage("*<capabilities>*<node>*");
        FluentActions.Invoking(() => Pipeline(string.Empty)).Should().Throw<FormatException>();
        FluentActions.Invoking(() => Pipeline("\0\u0001binary")).Should().Throw<FormatException>();
        FluentActions.Invoking(() => Pipeline("<capabilities>\ud800</capabilities>")).Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData(LibvirtXml.MaxDepth - 2)]
    [InlineData(LibvirtXml.MaxDepth - 1)]
    public void Parse_NestingUpToLibxml2sLimit_IsRead(int depth)
    {
        // <capabilities> is at depth 0 and <host> at 1, so the deepest <x> is at depth + 1.
        string xml = "<capabilities><host>" + string.Concat(Enumerable.Repeat("<x>", depth)) + string.Concat(Enumerable.Repeat("</x>", depth))
            + "<cpu><arch>x86_64</arch></cpu></host></capabilities>";

        Pipeline(xml).Cpu.Arch.Should().Be("x86_64");
    }

    [Theory]
    [InlineData(LibvirtXml.MaxDepth)]
    [InlineData(1_000_000)]
    public void Parse_DeeperNesting_IsRefusedWithoutBuildingTheTree(int depth)
    {
        // Building an XElement tree is quadratic in its depth (100 000 levels took over a minute): refused first.
        string xml = "<capabilities><host>" + string.Concat(Enumerable.Repeat("<x>", depth)) + string.Concat(Enumerable.Repeat("</x>", depth))
            + "</host></capabilities>";

        var act = () => Pipeline(xml);

        act.Should().Throw<FormatException>().WithMessage("*nested deeper than 256 levels*");
    }

    [Fact]
    public void Parse_AsManyCpusAsLinuxSupports_IsRead()
    {
        var xml = new StringBuilder("<capabilities><host><topology><cells>");
        for (int cell = 0; cell < 8; cell++)
        {
            xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"<cell id='{cell}'><memory>1048576</memory><cpus>");
            for (int cpu = cell * 1024; cpu < (cell + 1) * 1024; cpu++)
            {
                xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"<cpu id='{cpu}' siblings='{cpu}'/>");
            }

            xml.Append("</cpus></cell>");
        }

        var caps = Pipeline(xml.Append("</cells></topology></host></capabilities>").ToString());

        CapabilitiesMapper.AllCpus(caps).Should().HaveCount(8192);
    }

    [Fact]
    public void Parse_SeededMutations_ThrowOnlyFormatException()
    {
        const int Seed = 4242;
        const int Mutations = 3000;
        var random = new Random(Seed);
        string xml = Fixtures.Read(Kvm);
        string[] inserts = ["<", ">", "/", "'", "\"", "=", "-", "-1", "99999999999", ",", "0-65535", "&amp;", "&bogus;", "<cell>", "</cells>", "<cpu id='7'/>", "\0", "\ud800", "é", " "];
        int parsed = 0;
        var failures = new List<string>();
        for (int i = 0; i < Mutations && failures.Count < 5; i++)
        {
            var mutated = new StringBuilder(xml);
            for (int m = 0, count = 1 + random.Next(3); m < count; m++)
            {
                int at = random.Next(mutated.Length);
                switch (random.Next(3))
                {
                    case 0:
                        mutated.Remove(at, Math.Min(1 + random.Next(6), mutated.Length - at));
                        break;
                    case 1:
                        mutated.Insert(at, inserts[random.Next(inserts.Length)]);
                        break;
                    default:
                        mutated[at] = (char)random.Next(32, 127);
                        break;
                }
            }

            try
            {
                Pipeline(mutated.ToString());
                parsed++;
            }
            catch (FormatException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"seed {Seed} mutation #{i}: {e.GetType().Name}: {e.Message}");
            }
        }

        failures.Should().BeEmpty();
        parsed.Should().BeGreaterThan(Mutations / 10, "many mutations (in text, comments or ignored elements) still parse");
    }

    /// <summary>Everything <see cref="LibvirtDriver"/> does with the capabilities XML.</summary>
    internal static HostCapabilities Pipeline(string xml)
    {
        var caps = CapabilitiesParser.Parse(xml);
        _ = CapabilitiesMapper.ToCpuInfo(caps);
        _ = CapabilitiesMapper.ToCpuInfo(caps).ToNovaJson();
        _ = CapabilitiesMapper.ToSupportedInstances(caps);
        var all = CapabilitiesMapper.AllCpus(caps);
        _ = CapabilitiesMapper.ToNumaTopology(caps, all, all);
        return caps;
    }

    private static string ReplaceFirst(string text, string original, string replacement)
    {
        int at = text.IndexOf(original, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + original.Length));
    }
}
