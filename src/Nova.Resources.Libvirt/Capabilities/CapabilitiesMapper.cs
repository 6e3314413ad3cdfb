using Nova.Resources.Compute;

namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>Turns parsed capabilities into the core package's records, the way Nova's libvirt driver does.</summary>
internal static class CapabilitiesMapper
{
    /// <summary>
    /// The host CPU as <see cref="CpuInfo"/> (Nova's <c>_get_cpu_info</c>; <see cref="CpuInfo.ToNovaJson"/> gives
    /// Nova's <c>cpu_info</c> string). The topology is always there, as in Nova: the cell count is the number of
    /// NUMA cells, or 1 when the host has no <c>topology</c> element; sockets, cores and threads are
    /// <see langword="null"/> when the host CPU has no <c>topology</c> element (the test driver has none).
    /// Nova 29 and later also write <c>maxphysaddr</c>; Zed (26), which this follows, does not.
    /// </summary>
    /// <param name="capabilities">The parsed capabilities.</param>
    /// <returns>The CPU description.</returns>
    public static CpuInfo ToCpuInfo(HostCapabilities capabilities)
    {
        var cpu = capabilities.Cpu;
        return new CpuInfo
        {
            Arch = cpu.Arch,
            Model = cpu.Model,
            Vendor = cpu.Vendor,
            // Nova: len(getattr(caps.host.topology, 'cells', [1])): one cell when the host has no topology element.
            Topology = new CpuTopology(capabilities.Cells?.Count ?? 1, cpu.Sockets, cpu.Cores, cpu.Threads),
            Features = cpu.Features,
        };
    }

    /// <summary>
    /// Every (architecture, hypervisor type, VM mode) the guests offer, canonicalised as Nova does
    /// (<c>_get_instance_capabilities</c>); guests whose architecture, domain type or os type Nova does not
    /// know are skipped.
    /// </summary>
    /// <param name="capabilities">The parsed capabilities.</param>
    /// <returns>The supported instances, in document order.</returns>
    public static IReadOnlyList<SupportedInstance> ToSupportedInstances(HostCapabilities capabilities)
    {
        var result = new List<SupportedInstance>();
        foreach (var guest in capabilities.Guests)
        {
            foreach (string domainType in guest.DomainTypes)
            {
                string? arch = NovaFields.CanonicalArchitecture(guest.Arch);
                string? hvType = NovaFields.CanonicalHypervisorType(domainType);
                string? vmMode = NovaFields.CanonicalVmMode(guest.OsType);
                if (arch is not null && hvType is not null && vmMode is not null)
                {
                    result.Add(new SupportedInstance(arch, hvType, vmMode));
                }
            }
        }

        return result;
    }

    /// <summary>All CPU ids of all NUMA cells.</summary>
    /// <param name="capabilities">The parsed capabilities.</param>
    /// <returns>The CPUs.</returns>
    public static CpuSet AllCpus(HostCapabilities capabilities) =>
        CpuSet.Create((capabilities.Cells ?? []).SelectMany(c => c.Cpus).Select(c => c.Id));

    /// <summary>
    /// The host NUMA topology (Nova's <c>_get_host_numa_topology</c>): each cell's shared CPUs (cell ∩
    /// <paramref name="sharedCpus"/>), dedicated CPUs (cell ∩ <paramref name="dedicatedCpus"/>), thread-sibling
    /// sets limited to those CPUs, memory in MiB and page sizes (used 0, as Nova reports them).
    /// </summary>
    /// <param name="capabilities">The parsed capabilities.</param>
    /// <param name="sharedCpus">The CPUs for shared instances.</param>
    /// <param name="dedicatedCpus">The CPUs for dedicated instances.</param>
    /// <returns>The topology, or <see langword="null"/> when the host reports no NUMA cells.</returns>
    public static NumaTopology? ToNumaTopology(HostCapabilities capabilities, CpuSet sharedCpus, CpuSet dedicatedCpus)
    {
        if (capabilities.Cells is not { Count: > 0 } cells)
        {
            return null;
        }

        var usable = sharedCpus.Union(dedicatedCpus);
        var result = new NumaCell[cells.Count];
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var cpus = CpuSet.Create(cell.Cpus.Select(c => c.Id));
            var usableInCell = cpus.Intersect(usable);
            var siblings = cell.Cpus
                .Select(c => c.Siblings)
                .Where(s => !s.IsEmpty)
                .Distinct()
                .Select(s => s.Intersect(usableInCell))
                .Where(s => !s.IsEmpty)
                .Distinct()
                .OrderBy(s => s.Min)
                .ToArray();
            result[i] = new NumaCell
            {
                Id = cell.Id,
                Cpus = cpus.Intersect(sharedCpus),
                PCpus = cpus.Intersect(dedicatedCpus),
                MemoryMb = cell.MemoryKib / 1024,
                Siblings = siblings,
                PageSizes = [.. cell.Pages.Select(p => new NumaPageSize(p.SizeKib, p.Count, 0))],
            };
        }

        return new NumaTopology(result);
    }
}
