using System.Globalization;

namespace Nova.Resources.Compute;

/// <summary>
/// Applies the CPU-set options of one audit to what the driver reported, as Nova's libvirt driver does when it reads
/// the host (<c>_get_vcpu_total</c>, <c>_get_vcpu_available</c>, <c>_get_pcpu_available</c>). Pure: the driver reports
/// every CPU, and this narrows the counts and the NUMA cells with the options the audit read.
/// </summary>
internal static class HostCpuSets
{
    /// <summary>Returns the resources with the pin sets applied; <paramref name="resources"/> itself when no set is configured.</summary>
    /// <param name="resources">What the driver reported: <see cref="HostResources.Vcpus"/> is the host's CPU count.</param>
    /// <param name="options">The audit's options.</param>
    /// <returns>The resources the tracker counts.</returns>
    /// <exception cref="CpuSpecFormatException">A set is not valid (the options validator reports this at start-up).</exception>
    /// <exception cref="InvalidOperationException"><see cref="ComputeResourceOptions.VcpuPinSet"/> names a CPU the host does not have.</exception>
    public static HostResources Apply(HostResources resources, ComputeResourceOptions options)
    {
        var pinSet = PinSetOption.Parse(options.VcpuPinSet, PinSetOption.VcpuPinSet);
        var sharedSet = PinSetOption.Parse(options.CpuSharedSet, PinSetOption.CpuSharedSet);
        var dedicatedSet = PinSetOption.Parse(options.CpuDedicatedSet, PinSetOption.CpuDedicatedSet);
        if (pinSet is null && sharedSet is null && dedicatedSet is null)
        {
            return resources;
        }

        return resources with
        {
            Vcpus = resources.Vcpus is { } hostCpus ? CountVcpus(hostCpus, pinSet) : null,
            NumaTopology = resources.NumaTopology is { } topology ? Restrict(topology, pinSet, sharedSet, dedicatedSet) : null,
        };
    }

    /// <summary>
    /// vcpus as Nova's <c>_get_vcpu_total</c>: the host's CPU count, or with <c>vcpu_pin_set</c> the size of the set,
    /// whose highest id must be below the CPU count.
    /// </summary>
    /// <exception cref="InvalidOperationException">The set names a CPU the host does not have.</exception>
    public static int CountVcpus(int hostCpus, CpuSet? pinSet)
    {
        if (pinSet is null)
        {
            return hostCpus;
        }

        return pinSet.Max >= hostCpus
            ? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Invalid vcpu_pin_set config, out of hypervisor cpu range. The hypervisor reports {hostCpus} CPUs; VcpuPinSet (vcpu_pin_set) names CPU {pinSet.Max}."))
            : pinSet.Count;
    }

    /// <summary>
    /// Each cell's shared CPUs (cell ∩ shared), dedicated CPUs (cell ∩ dedicated) and thread-sibling sets limited to
    /// those CPUs, with Nova's legacy rule: without a dedicated set, pinned instances may use the shared CPUs unless only
    /// <c>cpu_shared_set</c> is set.
    /// </summary>
    public static NumaTopology Restrict(NumaTopology topology, CpuSet? pinSet, CpuSet? sharedSet, CpuSet? dedicatedSet)
    {
        var all = CpuSet.Empty;
        foreach (var cell in topology.Cells)
        {
            all = all.Union(cell.Cpus).Union(cell.PCpus);
        }

        var shared = pinSet ?? sharedSet ?? (dedicatedSet is not null ? CpuSet.Empty : all);
        var dedicated = dedicatedSet ?? CpuSet.Empty;
        if (dedicated.IsEmpty && !(sharedSet is not null && pinSet is null))
        {
            dedicated = shared;
        }

        var usable = shared.Union(dedicated);
        var cells = new NumaCell[topology.Cells.Count];
        for (int i = 0; i < cells.Length; i++)
        {
            var cell = topology.Cells[i];
            var cpus = cell.Cpus.Union(cell.PCpus);
            var usableInCell = cpus.Intersect(usable);
            cells[i] = cell with
            {
                Cpus = cpus.Intersect(shared),
                PCpus = cpus.Intersect(dedicated),
                Siblings = [.. cell.Siblings.Select(s => s.Intersect(usableInCell)).Where(s => !s.IsEmpty).Distinct().OrderBy(s => s.Min)],
            };
        }

        return new NumaTopology(cells);
    }
}
