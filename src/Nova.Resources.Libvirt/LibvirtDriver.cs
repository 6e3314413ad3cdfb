using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nova.Resources.Compute;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Libvirt;

/// <summary>
/// A compute driver that reads a KVM/QEMU host (or any libvirt host) through <c>libvirt.so.0</c>, the way
/// Nova's libvirt driver does: the host's CPUs, memory and local disk, what running domains use, the CPU
/// model and NUMA topology from the capabilities XML, and the PCI devices.
/// </summary>
/// <remarks>
/// The constructor does no I/O: the libvirt connection opens on the first call and is reopened after it
/// breaks. The driver is safe to call from many threads. Each method runs its blocking libvirt calls on the
/// thread pool: the caller gets its <see cref="OperationCanceledException"/> when its token is cancelled, and a
/// <see cref="TimeoutException"/> naming the libvirt call when one call takes longer than
/// <see cref="LibvirtDriverOptions.CallTimeout"/>; a call that hangs finishes in the background, and until it
/// returns every new call fails at once, naming it.
/// </remarks>
public sealed partial class LibvirtDriver : IComputeDriver, IDisposable
{
    private const long GiB = 1L << 30;

    private readonly LibvirtDriverOptions _options;
    private readonly ILogger _logger;
    private readonly InstancesDisk _instancesDisk;
    private readonly LibvirtConnection _connection;
    private readonly LibvirtCallGuard _calls;
    private readonly HostnameCache _hostname;
    private CapabilitiesView? _capabilities;
    private readonly DomainDiskCache _disks = new();

    /// <summary>Creates the driver; nothing is opened until the first call.</summary>
    /// <param name="options">The driver's options.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="timeProvider">The clock of <see cref="LibvirtDriverOptions.CallTimeout"/>; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>
    /// The driver reports every CPU of the host; the tracker applies <c>VcpuPinSet</c> and the CPU sets of its audit's
    /// options to what the driver reports.
    /// </remarks>
    public LibvirtDriver(IOptions<LibvirtDriverOptions> options, ILogger<LibvirtDriver> logger, TimeProvider? timeProvider = null)
        : this(
            (options ?? throw new ArgumentNullException(nameof(options))).Value,
            logger,
            StatvfsFileSystemStatsProvider.Instance,
            timeProvider)
    {
    }

    /// <summary>Creates the driver with its seams (for tests).</summary>
    internal LibvirtDriver(LibvirtDriverOptions options, ILogger logger, IFileSystemStatsProvider fileSystem, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(fileSystem);
        _options = options;
        _logger = logger;
        _instancesDisk = new InstancesDisk(options, fileSystem, logger);
        _connection = new LibvirtConnection(options.ConnectionUri, options.ReadOnly, logger);
        _calls = new LibvirtCallGuard(options.ConnectionUri, options.CallTimeout, timeProvider ?? TimeProvider.System, logger);
        _hostname = new HostnameCache(logger);
    }

    /// <summary>Returns the hypervisor's hostname, the one node a libvirt host has (Nova's <c>get_available_nodes</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One name: the hostname libvirt reported first (a later change is logged and ignored, as in Nova).</returns>
    /// <exception cref="LibvirtException">libvirt failed.</exception>
    /// <exception cref="LibvirtUnavailableException">libvirt.so.0 is not installed.</exception>
    public ValueTask<IReadOnlyList<string>> GetAvailableNodesAsync(CancellationToken cancellationToken = default) =>
        _calls.RunAsync<LibvirtDriver, IReadOnlyList<string>>(nameof(GetAvailableNodesAsync), this, static (driver, _) => [driver.GetHostname()], cancellationToken);

    /// <summary>Reads the host's resources (Nova's <c>get_available_resource</c>); the node name is not used.</summary>
    /// <param name="nodeName">The node, as returned by <see cref="GetAvailableNodesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the read between libvirt calls.</param>
    /// <returns>The resources.</returns>
    /// <exception cref="LibvirtException">libvirt failed.</exception>
    /// <exception cref="LibvirtUnavailableException">libvirt.so.0 is not installed.</exception>
    /// <exception cref="DirectoryNotFoundException">
    /// <see cref="LibvirtDriverOptions.InstancesPath"/> does not exist (on the test driver, the root file system is read instead).
    /// </exception>
    public ValueTask<HostResources?> GetAvailableResourceAsync(string nodeName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        return _calls.RunAsync<LibvirtDriver, HostResources?>(nameof(GetAvailableResourceAsync), this, static (driver, token) => driver.ReadResources(token), cancellationToken);
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
        return _calls.RunAsync<LibvirtDriver, IReadOnlyList<InstanceUsage>>(nameof(GetPerInstanceUsageAsync), this, static (driver, token) => driver.ReadInstances(token), cancellationToken);
    }

    /// <summary>Closes the libvirt connection; never waits for a call in progress.</summary>
    public void Dispose() => _connection.Dispose();

    /// <summary>Reads every <see cref="HostResources"/> field, in Nova's order (disk first, supported instances before the version).</summary>
    internal HostResources ReadResources(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LibvirtOperation.Begin("statvfs");
        var disk = _instancesDisk.GetStats();
        LibvirtOperation.End();

        cancellationToken.ThrowIfCancellationRequested();
        var node = _connection.GetNodeInfo();
        int vcpus = node.Cpus;
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
            var disks = _disks.Begin();
            foreach (var domain in active)
            {
                cancellationToken.ThrowIfCancellationRequested();
                overcommitBytes += OvercommittedBytes(domain, disks);
            }

            var inactive = _connection.ListAllDomains(LibvirtNative.ListDomainsInactive);
            try
            {
                foreach (var domain in inactive)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    overcommitBytes += OvercommittedBytes(domain, disks);
                }
            }
            finally
            {
                DisposeAll(inactive);
            }

            disks.Complete();

            cancellationToken.ThrowIfCancellationRequested();
            var numaTopology = capabilities.NumaTopology;
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
}
