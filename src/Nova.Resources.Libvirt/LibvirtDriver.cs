using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nova.Resources.Compute;
using Nova.Resources.Libvirt.Capabilities;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Libvirt;

/// <summary>
/// A compute driver that reads a KVM/QEMU host (or any libvirt host) through <c>libvirt.so.0</c>, the way
/// Nova's libvirt driver does: the host's CPUs, memory and local disk, what running domains use, the CPU
/// model and NUMA topology from the capabilities XML, and the PCI devices.
/// </summary>
/// <remarks>
/// The constructor does no I/O: the libvirt connection opens on the first call and is reopened after it
/// breaks. The driver is safe to call from many threads. Each method blocks on libvirt, so it runs inline
/// only when the caller has no synchronisation context and uses the default scheduler (a thread-pool or
/// plain thread); otherwise on the thread pool. Cancellation is checked between libvirt calls.
/// </remarks>
public sealed class LibvirtDriver : IComputeDriver, IDisposable
{
    private const long GiB = 1L << 30;

    private readonly LibvirtDriverOptions _options;
    private readonly Func<ComputeResourceOptions> _computeOptions;
    private readonly ILogger _logger;
    private readonly InstancesDisk _instancesDisk;
    private readonly LibvirtConnection _connection;
    private readonly HostnameCache _hostname;
    private CapabilitiesView? _capabilities;
    private NumaCacheEntry? _numa;
    private Dictionary<string, List<(string Target, string Path, string? Format)>>? _disksByXml;

    /// <summary>Creates the driver; nothing is opened until the first call.</summary>
    /// <param name="options">The driver's options.</param>
    /// <param name="computeOptions">The compute host's options (<c>VcpuPinSet</c> and the CPU sets), read on every call.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public LibvirtDriver(IOptions<LibvirtDriverOptions> options, IOptionsMonitor<ComputeResourceOptions> computeOptions, ILogger<LibvirtDriver> logger)
        : this(
            (options ?? throw new ArgumentNullException(nameof(options))).Value,
            computeOptions is null ? throw new ArgumentNullException(nameof(computeOptions)) : () => computeOptions.CurrentValue,
            logger,
            StatvfsFileSystemStatsProvider.Instance)
    {
    }

    /// <summary>Creates the driver with its seams (for tests).</summary>
    internal LibvirtDriver(LibvirtDriverOptions options, Func<ComputeResourceOptions> computeOptions, ILogger logger, IFileSystemStatsProvider fileSystem)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(computeOptions);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(fileSystem);
        _options = options;
        _computeOptions = computeOptions;
        _logger = logger;
        _instancesDisk = new InstancesDisk(options, fileSystem, logger);
        _connection = new LibvirtConnection(options.ConnectionUri, options.ReadOnly, logger);
        _hostname = new HostnameCache(logger);
    }

    /// <summary>Gets the connection (for tests and benchmarks).</summary>
    internal LibvirtConnection Connection => _connection;

    /// <summary>Returns the hypervisor's hostname, the one node a libvirt host has (Nova's <c>get_available_nodes</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One name: the hostname libvirt reported first (a later change is logged and ignored, as in Nova).</returns>
    /// <exception cref="LibvirtException">libvirt failed.</exception>
    /// <exception cref="LibvirtUnavailableException">libvirt.so.0 is not installed.</exception>
    public ValueTask<IReadOnlyList<string>> GetAvailableNodesAsync(CancellationToken cancellationToken = default) =>
        RunBlocking<IReadOnlyList<string>>(static (driver, _) => [driver.GetHostname()], cancellationToken);

    /// <summary>Reads the host's resources (Nova's <c>get_available_resource</c>); the node name is not used.</summary>
    /// <param name="nodeName">The node, as returned by <see cref="GetAvailableNodesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the read between libvirt calls.</param>
    /// <returns>The resources.</returns>
    /// <exception cref="LibvirtException">libvirt failed.</exception>
    /// <exception cref="LibvirtUnavailableException">libvirt.so.0 is not installed.</exception>
    /// <exception cref="InvalidOperationException">
    /// <c>VcpuPinSet</c> names a CPU the host does not have: "Invalid vcpu_pin_set config, out of hypervisor cpu range."
    /// </exception>
    /// <exception cref="DirectoryNotFoundException">
    /// <see cref="LibvirtDriverOptions.InstancesPath"/> does not exist (on the test driver, the root file system is read instead).
    /// </exception>
    public ValueTask<HostResources?> GetAvailableResourceAsync(string nodeName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        return RunBlocking<HostResources?>(static (driver, token) => driver.ReadResources(token), cancellationToken);
    }

    /// <summary>Returns what each running domain uses: its UUID, name, vCPUs and memory in MiB, sorted by UUID.</summary>
    /// <param name="nodeName">The node, as returned by <see cref="GetAvailableNodesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the read between libvirt calls.</param>
    /// <returns>The running domains.</returns>
    /// <exception cref="LibvirtException">libvirt failed.</exception>
    /// <exception cref="LibvirtUnavailableException">libvirt.so.0 is not installed.</exception>
    public ValueTask<IReadOnlyList<InstanceUsage>> GetPerInstanceUsageAsync(string nodeName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        return RunBlocking<IReadOnlyList<InstanceUsage>>(static (driver, token) => driver.ReadInstances(token), cancellationToken);
    }

    /// <summary>Closes the libvirt connection.</summary>
    public void Dispose() => _connection.Dispose();

    /// <summary>Reads every <see cref="HostResources"/> field, in Nova's order (disk first, supported instances before the version).</summary>
    internal HostResources ReadResources(CancellationToken cancellationToken)
    {
        var compute = _computeOptions();
        var pinSet = PinSetOption.Parse(compute.VcpuPinSet, PinSetOption.VcpuPinSet);
        var sharedSet = PinSetOption.Parse(compute.CpuSharedSet, PinSetOption.CpuSharedSet);
        var dedicatedSet = PinSetOption.Parse(compute.CpuDedicatedSet, PinSetOption.CpuDedicatedSet);

        cancellationToken.ThrowIfCancellationRequested();
        var disk = _instancesDisk.GetStats();

        cancellationToken.ThrowIfCancellationRequested();
        var node = _connection.GetNodeInfo();
        int vcpus = CountVcpus(node.Cpus, pinSet);
        long memoryMb = (long)(node.MemoryKib >> 10);

        var active = _connection.ListAllDomains(LibvirtNative.ListDomainsActive);
        int vcpusUsed = 0;
        long overcommitBytes = 0;
        ulong domainMemoryKib = 0;
        try
        {
            foreach (var domain in active)
            {
                cancellationToken.ThrowIfCancellationRequested();
                UseDomain(domain, ref vcpusUsed, ref domainMemoryKib);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var memory = _connection.GetNodeMemoryStats();
            long memoryMbUsed = memory is { } m
                ? MemoryMbUsed(memoryMb, m)
                : (long)(domainMemoryKib / 1024);

            cancellationToken.ThrowIfCancellationRequested();
            var capabilities = GetCapabilities();

            cancellationToken.ThrowIfCancellationRequested();
            string hypervisorType = _connection.GetHypervisorType();
            long hypervisorVersion = _connection.GetHypervisorVersion();
            string hostname = GetHostname();

            // disk_available_least: free space less what every domain's file disks may still grow, running or not.
            var knownDisks = Volatile.Read(ref _disksByXml);
            var disks = new Dictionary<string, List<(string Target, string Path, string? Format)>>(StringComparer.Ordinal);
            foreach (var domain in active)
            {
                cancellationToken.ThrowIfCancellationRequested();
                overcommitBytes += OvercommittedBytes(domain, knownDisks, disks);
            }

            var inactive = _connection.ListAllDomains(LibvirtNative.ListDomainsInactive);
            try
            {
                foreach (var domain in inactive)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    overcommitBytes += OvercommittedBytes(domain, knownDisks, disks);
                }
            }
            finally
            {
                DisposeAll(inactive);
            }

            Volatile.Write(ref _disksByXml, disks);

            cancellationToken.ThrowIfCancellationRequested();
            var numaTopology = GetNumaTopology(capabilities, compute, pinSet, sharedSet, dedicatedSet);
            var pciDevices = ReadPciDevices();

            return new HostResources
            {
                Vcpus = vcpus,
                MemoryMb = memoryMb,
                LocalGb = (long)(disk.TotalBytes / GiB),
                VcpusUsed = vcpusUsed,
                MemoryMbUsed = memoryMbUsed,
                LocalGbUsed = (long)(disk.UsedBytes / GiB),
                HypervisorType = hypervisorType,
                HypervisorVersion = hypervisorVersion,
                HypervisorHostname = hostname,
                CpuInfo = capabilities.CpuInfo,
                DiskAvailableLeast = ((long)disk.FreeBytes - overcommitBytes) / GiB,
                SupportedInstances = capabilities.SupportedInstances,
                NumaTopology = numaTopology,
                PciPassthroughDevices = pciDevices,
            };
        }
        finally
        {
            DisposeAll(active);
        }
    }

    /// <summary>Nova's <c>cpu_info</c> JSON for this host (read from the cached capabilities).</summary>
    internal string GetCpuInfoJson() => GetCapabilities().CpuInfo.ToNovaJson();

    /// <summary>
    /// vcpus as Nova's <c>_get_vcpu_total</c>: the host's CPU count, or with <c>vcpu_pin_set</c> the size of the
    /// set, whose highest id must be below the CPU count.
    /// </summary>
    internal static int CountVcpus(int hostCpus, CpuSet? pinSet)
    {
        if (pinSet is null)
        {
            return hostCpus;
        }

        return pinSet.Max >= hostCpus
            ? throw new InvalidOperationException("Invalid vcpu_pin_set config, out of hypervisor cpu range.")
            : pinSet.Count;
    }

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

    private static (CpuSet Shared, CpuSet Dedicated) UsableCpus(CapabilitiesView capabilities, CpuSet? pinSet, CpuSet? sharedSet, CpuSet? dedicatedSet)
    {
        // Nova's _get_vcpu_available / _get_pcpu_available, over the CPUs the capabilities list, with its legacy
        // rule: without a dedicated set, pinned instances may use the shared CPUs unless only cpu_shared_set is set.
        var shared = pinSet ?? sharedSet ?? (dedicatedSet is not null ? CpuSet.Empty : capabilities.AllCpus);
        var dedicated = dedicatedSet ?? CpuSet.Empty;
        if (dedicated.IsEmpty && !(sharedSet is not null && pinSet is null))
        {
            dedicated = shared;
        }

        return (shared, dedicated);
    }

    private static void DisposeAll(LibvirtDomain[] domains)
    {
        foreach (var domain in domains)
        {
            domain.Dispose();
        }
    }

    private InstanceUsage[] ReadInstances(CancellationToken cancellationToken)
    {
        var active = _connection.ListAllDomains(LibvirtNative.ListDomainsActive);
        try
        {
            var usage = new InstanceUsage[active.Length];
            for (int i = 0; i < active.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var info = active[i].GetInfo();
                usage[i] = new InstanceUsage(active[i].GetUuid(), active[i].GetName(), info.Vcpus, (long)(info.MemoryKib / 1024));
            }

            Array.Sort(usage, static (a, b) => string.CompareOrdinal(a.Uuid, b.Uuid));
            return usage;
        }
        finally
        {
            DisposeAll(active);
        }
    }

    /// <summary>Adds a running domain's vCPUs (1 when libvirt cannot list them, as Nova) and memory.</summary>
    private void UseDomain(LibvirtDomain domain, ref int vcpusUsed, ref ulong memoryKib)
    {
        DomainInfo info;
        try
        {
            info = domain.GetInfo();
        }
        catch (LibvirtException e)
        {
            string uuid = SafeUuid(domain);
            Log.DomainMemoryUnavailable(_logger, uuid, e.Message);
            Log.VcpusUnavailable(_logger, uuid, e.Message);
            vcpusUsed += 1;
            return;
        }

        memoryKib += info.MemoryKib;
        try
        {
            vcpusUsed += domain.GetVcpuCount(info.Vcpus);
        }
        catch (LibvirtException e)
        {
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                string uuid = SafeUuid(domain);
                Log.VcpusUnavailable(_logger, uuid, e.Message);
            }

            vcpusUsed += 1;
        }
    }

    /// <summary>
    /// What a domain's file disks may still grow (capacity − allocation). The disk list parsed from a domain XML
    /// is reused while the XML stays the same, so a steady host parses nothing; <paramref name="seen"/> collects
    /// the lists of this read and replaces <paramref name="known"/> afterwards, which drops departed domains.
    /// </summary>
    private long OvercommittedBytes(
        LibvirtDomain domain,
        Dictionary<string, List<(string Target, string Path, string? Format)>>? known,
        Dictionary<string, List<(string Target, string Path, string? Format)>> seen)
    {
        try
        {
            string xml = domain.GetXml();
            if (known is null || !known.TryGetValue(xml, out var fileDisks))
            {
                fileDisks = DomainDiskParser.FileDisks(xml);
            }

            seen[xml] = fileDisks;
            long total = 0;
            foreach (var (target, _, _) in fileDisks)
            {
                var block = domain.GetBlockInfo(target);
                if (block.Capacity > block.Allocation)
                {
                    total += (long)(block.Capacity - block.Allocation);
                }
            }

            return total;
        }
        catch (Exception e) when (e is LibvirtException or System.Xml.XmlException)
        {
            string uuid = SafeUuid(domain);
            Log.DiskInfoUnavailable(_logger, uuid, e.Message);
            return 0;
        }
    }

    private static string SafeUuid(LibvirtDomain domain)
    {
        try
        {
            return domain.GetUuid();
        }
        catch (LibvirtException)
        {
            return "(unknown)";
        }
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

    /// <summary>The NUMA topology for the current CPU-set options, rebuilt only when those options change.</summary>
    private NumaTopology? GetNumaTopology(CapabilitiesView capabilities, ComputeResourceOptions compute, CpuSet? pinSet, CpuSet? sharedSet, CpuSet? dedicatedSet)
    {
        var cached = Volatile.Read(ref _numa);
        if (cached is not null && cached.Matches(compute))
        {
            return cached.Topology;
        }

        var (shared, dedicated) = UsableCpus(capabilities, pinSet, sharedSet, dedicatedSet);
        var topology = CapabilitiesMapper.ToNumaTopology(capabilities.Capabilities, shared, dedicated);
        Volatile.Write(ref _numa, new NumaCacheEntry(compute.VcpuPinSet, compute.CpuSharedSet, compute.CpuDedicatedSet, topology));
        return topology;
    }

    /// <summary>The hostname: the first one libvirt reported; a change is logged (Nova's text) and ignored.</summary>
    private string GetHostname() => _hostname.Observe(_connection.GetHostname());

    /// <summary>
    /// Runs blocking libvirt work inline when the caller has no synchronisation context and uses the default
    /// scheduler, otherwise on the thread pool; failures come back as a faulted task.
    /// </summary>
    private ValueTask<T> RunBlocking<T>(Func<LibvirtDriver, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        if (SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default)
        {
            try
            {
                return ValueTask.FromResult(work(this, cancellationToken));
            }
            catch (OperationCanceledException e) when (e.CancellationToken == cancellationToken)
            {
                return ValueTask.FromCanceled<T>(cancellationToken);
            }
            catch (Exception e)
            {
                return ValueTask.FromException<T>(e);
            }
        }

        return new ValueTask<T>(Task.Run(() => work(this, cancellationToken), cancellationToken));
    }

    /// <summary>Parsed capabilities and the values that depend on nothing else.</summary>
    private sealed class CapabilitiesView(HostCapabilities capabilities)
    {
        public HostCapabilities Capabilities { get; } = capabilities;

        public CpuInfo CpuInfo { get; } = CapabilitiesMapper.ToCpuInfo(capabilities);

        public IReadOnlyList<SupportedInstance> SupportedInstances { get; } = CapabilitiesMapper.ToSupportedInstances(capabilities);

        public CpuSet AllCpus { get; } = CapabilitiesMapper.AllCpus(capabilities);
    }

    /// <summary>A NUMA topology and the option values it was built for.</summary>
    private sealed record NumaCacheEntry(string? VcpuPinSet, string? CpuSharedSet, string? CpuDedicatedSet, NumaTopology? Topology)
    {
        public bool Matches(ComputeResourceOptions options) =>
            string.Equals(VcpuPinSet, options.VcpuPinSet, StringComparison.Ordinal)
            && string.Equals(CpuSharedSet, options.CpuSharedSet, StringComparison.Ordinal)
            && string.Equals(CpuDedicatedSet, options.CpuDedicatedSet, StringComparison.Ordinal);
    }
}
