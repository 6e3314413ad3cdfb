using Nova.Resources.Libvirt.Capabilities;
using SharpFuzz;

namespace Nova.Resources.Fuzz;

/// <summary>
/// AFL++ targets (SharpFuzz's fork server): <c>cpuset</c> feeds the input to <see cref="CpuSet.Parse(string)"/>,
/// <c>capabilities</c> to the capabilities reader and everything the libvirt driver derives from it. The documented
/// exceptions (<see cref="CpuSpecFormatException"/>, <see cref="FormatException"/>) are expected; any other exception
/// escapes and AFL++ records a crash. Without AFL++ (<c>--replay FILE...</c>) each file is run once, to reproduce a
/// finding or check a corpus.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || Target(args[0]) is not { } target)
        {
            Console.Error.WriteLine("usage: Nova.Resources.Fuzz cpuset|capabilities [--replay FILE...]");
            return 2;
        }

        if (args.Length > 1 && args[1] == "--replay")
        {
            foreach (string file in args.Skip(2))
            {
                target(File.ReadAllText(file));
            }

            Console.WriteLine($"replayed {args.Length - 2} inputs");
            return 0;
        }

        Fuzzer.Run(target);
        return 0;
    }

    private static Action<string>? Target(string name) => name switch
    {
        "cpuset" => ParseCpuSet,
        "capabilities" => ReadCapabilities,
        _ => null,
    };

    private static void ParseCpuSet(string text)
    {
        CpuSet set;
        try
        {
            set = CpuSet.Parse(text);
        }
        catch (CpuSpecFormatException)
        {
            if (CpuSet.TryParse(text, out _))
            {
                throw new InvalidOperationException("TryParse accepted what Parse refused.");
            }

            return;
        }

        // Formatting must give back the same set.
        if (!CpuSet.Parse(set.ToString()).Equals(set))
        {
            throw new InvalidOperationException($"'{set}' does not parse back to the same set.");
        }
    }

    private static void ReadCapabilities(string xml)
    {
        HostCapabilities caps;
        try
        {
            caps = CapabilitiesParser.Parse(xml);
        }
        catch (FormatException)
        {
            return;
        }

        _ = CapabilitiesMapper.ToCpuInfo(caps);
        _ = CapabilitiesMapper.ToCpuInfo(caps).ToNovaJson();
        _ = CapabilitiesMapper.ToSupportedInstances(caps);
        var all = CapabilitiesMapper.AllCpus(caps);
        _ = CapabilitiesMapper.ToNumaTopology(caps, all, all);
    }
}
