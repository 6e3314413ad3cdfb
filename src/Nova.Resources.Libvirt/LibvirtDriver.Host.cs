using Nova.Resources.Compute;
using Nova.Resources.Libvirt.Capabilities;

namespace Nova.Resources.Libvirt;

/// <summary>The host's part of a read: capabilities (cached), PCI devices, hostname, memory used.</summary>
public sealed partial class LibvirtDriver
{
    /// <summary>
    /// memory_mb_used as Nova's <c>_get_memory_mb_used</c>: memory_mb (nodeinfo) less free, buffers and cached
    /// (the node memory stats, /proc/meminfo). The two sources can disagree: nodeinfo sums the NUMA nodes' sysfs
    /// memory, which in a VM was 5 465 MiB against a MemTotal of 24 105 MiB, and Nova's difference came out
    /// negative (-16 994), failing every audit's verification. When it falls outside 0..memory_mb the used part is
    /// taken from the stats' own total instead, kept within 0..memory_mb.
    /// </summary>
    internal static long MemoryMbUsed(long memoryMb, NodeMemory memory)
    {
        ulong availableKib = memory.FreeKib + memory.BuffersKib + memory.CachedKib;
        long used = memoryMb - (long)(availableKib / 1024);
        if (used >= 0 && used <= memoryMb)
        {
            return used;
        }

        long usedOfTotal = (long)((memory.TotalKib - Math.Min(availableKib, memory.TotalKib)) / 1024);
        return Math.Clamp(usedOfTotal, 0, Math.Max(memoryMb, 0));
    }

    private List<PciDevice> ReadPciDevices()
    {
        var xml = _connection.ListPciDeviceXml();
        if (xml is null)
        {
            return [];
        }

        var devices = new List<PciDevice>(xml.Count);
        foreach (string device in xml)
        {
            if (PciDeviceParser.Parse(device) is { } pci)
            {
                devices.Add(pci);
            }
        }

        devices.Sort(static (a, b) => string.CompareOrdinal(a.Address, b.Address));
        return devices;
    }

    /// <summary>
    /// The capabilities, read and parsed once, with what derives from them alone (Nova's <c>Host.get_capabilities</c>
    /// caches them too: a host's CPU model, NUMA cells and guest kinds do not change while it runs).
    /// </summary>
    private CapabilitiesView GetCapabilities()
    {
        var cached = Volatile.Read(ref _capabilities);
        if (cached is not null)
        {
            return cached;
        }

        var parsed = new CapabilitiesView(CapabilitiesParser.Parse(_connection.GetCapabilities()));
        return Interlocked.CompareExchange(ref _capabilities, parsed, null) ?? parsed;
    }

    /// <summary>The hostname: the first one libvirt reported; a change is logged (Nova's text) and ignored.</summary>
    private string GetHostname() => _hostname.Observe(_connection.GetHostname());

    /// <summary>Parsed capabilities and the values that depend on nothing else.</summary>
    private sealed class CapabilitiesView(HostCapabilities capabilities)
    {
        public HostCapabilities Capabilities { get; } = capabilities;

        public CpuInfo CpuInfo { get; } = CapabilitiesMapper.ToCpuInfo(capabilities);

        public IReadOnlyList<SupportedInstance> SupportedInstances { get; } = CapabilitiesMapper.ToSupportedInstances(capabilities);

        /// <summary>Gets the topology with every CPU of each cell usable by shared and dedicated instances alike.</summary>
        public NumaTopology? NumaTopology { get; } = CapabilitiesMapper.ToNumaTopology(capabilities, CapabilitiesMapper.AllCpus(capabilities), CapabilitiesMapper.AllCpus(capabilities));
    }
}
