using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Compute;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>
/// A host's audit path, faked only at its edges: FakeComputeDriver, a <see cref="TestStore"/>, the in-memory ledger, a
/// FakeTimeProvider, FakeLoggers; the real HostState, trackers, ComputeResourceManager and periodic
/// ResourceAuditService (created when first used).
/// </summary>
internal sealed class TrackerHarness : IDisposable
{
    public const string Node = FakeComputeDriver.DefaultNodeName;
    public const string Host = "compute";

    private HostState? _hostState;
    private ComputeResourceManager? _manager;
    private ResourceAuditService? _service;
    private int _hostIpDetections;

    public TrackerHarness()
        : this(new ComputeResourceOptions { Host = Host }, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    private TrackerHarness(ComputeResourceOptions options, DateTimeOffset start)
    {
        Options = options;
        Time = new FakeTimeProvider(start);
    }

    public FakeComputeDriver Driver { get; } = new();

    public FakeTimeProvider Time { get; }

    public ComputeResourceOptions Options { get; }

    public TestStore Store { get; } = new();

    public FakeLogger Logger { get; } = new();

    public FakeLogger<ResourceAuditService> ServiceLogger { get; } = new();

    public InMemoryInstanceLedger Ledger { get; } = new();

    public List<IComputeNodeReporter> Reporters { get; } = [];

    public List<IAuditObserver> AuditObservers { get; } = [];

    public ResourceMetrics Metrics { get; } = new(meterFactory: null);

    public IInstanceSource? InstanceSource { get; set; }

    /// <summary>Gets or sets what the fake host-address lookup returns (Nova's default my_ip); the real one opens a socket.</summary>
    public IPAddress DetectedHostIp { get; set; } = IPAddress.Parse("203.0.113.5");

    /// <summary>Gets how many times the host address was looked up.</summary>
    public int HostIpDetections => _hostIpDetections;

    public HostState HostState => _hostState ??= new HostState(Driver, Microsoft.Extensions.Options.Options.Create(Options), Time);

    /// <summary>Reads the host through another driver (one wrapping <see cref="Driver"/>); call before the first use of <see cref="HostState"/>.</summary>
    public void ReadThrough(IComputeDriver driver) => _hostState = new HostState(driver, Microsoft.Extensions.Options.Options.Create(Options), Time);

    public TrackerServices Services => ServicesWith(Store);

    /// <summary>Gets the host's manager over <see cref="Services"/>.</summary>
    public ComputeResourceManager Manager => _manager ??= new ComputeResourceManager(Services, Logger);

    /// <summary>Gets the periodic audit over <see cref="Manager"/> (not started).</summary>
    public ResourceAuditService Service => _service ??= new ResourceAuditService(Manager, new StaticOptionsMonitor(Options), Time, ServiceLogger);

    /// <summary>Gets the manager's tracker of <see cref="Node"/>.</summary>
    public ResourceTracker Tracker => Manager.GetTracker(Node);

    public IReadOnlyList<string> Messages => [.. Logger.Collector.GetSnapshot().Select(r => r.Message)];

    /// <summary>
    /// A harness for fault and load tests: host <c>compute-1</c>, every ratio 1.0, the periodic audit every 5 ms, and
    /// <see cref="Node"/> with the given totals.
    /// </summary>
    public static TrackerHarness ForReliability(int vcpus = 32, long memoryMb = 16384 + 512, long localGb = 400)
    {
        var options = new ComputeResourceOptions
        {
            Host = "compute-1",
            CpuAllocationRatio = 1.0,
            RamAllocationRatio = 1.0,
            DiskAllocationRatio = 1.0,
            UpdateResourcesInterval = TimeSpan.FromMilliseconds(5),
        };
        var harness = new TrackerHarness(options, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        harness.Driver.SetResources(Node, Resources(vcpus, memoryMb, localGb));
        return harness;
    }

    /// <summary>FakeDriver resources with different totals.</summary>
    public static HostResources Resources(int vcpus, long memoryMb, long localGb, string node = Node)
        => FakeComputeDriver.CreateResources(node) with { Vcpus = vcpus, MemoryMb = memoryMb, LocalGb = localGb };

    public static InstanceRequest Instance(string uuid, int vcpus = 1, long memoryMb = 512, long rootGb = 1, long ephemeralGb = 0, long swapMb = 0, string? vmState = "active", string? taskState = null)
        => new()
        {
            Uuid = uuid,
            Vcpus = vcpus,
            MemoryMb = memoryMb,
            RootGb = rootGb,
            EphemeralGb = ephemeralGb,
            SwapMb = swapMb,
            VmState = vmState,
            TaskState = taskState,
            OsType = "linux",
            ProjectId = "p1",
        };

    /// <summary>The services over another store.</summary>
    public TrackerServices ServicesWith(IComputeNodeStore store) => new()
    {
        HostState = HostState,
        Store = store,
        Ledger = Ledger,
        Reporters = Reporters,
        AuditObservers = AuditObservers,
        InstanceSource = InstanceSource,
        TimeProvider = Time,
        Logger = Logger,
        Metrics = Metrics,
        Options = () => Options,
        DetectHostIp = () =>
        {
            Interlocked.Increment(ref _hostIpDetections);
            return DetectedHostIp;
        },
    };

    public ResourceTracker CreateTracker(string node = Node) => new(node, Services);

    public async Task<ResourceTracker> AuditedTracker(string node = Node)
    {
        var tracker = CreateTracker(node);
        await tracker.UpdateAvailableResourceAsync();
        return tracker;
    }

    /// <summary>Sets FakeDriver resources with different totals for a node.</summary>
    public void SetTotals(int vcpus, long memoryMb, long localGb, string node = Node)
        => Driver.SetResources(node, Resources(vcpus, memoryMb, localGb, node));

    /// <summary>The record the store holds for a node of this host (null when none).</summary>
    public async Task<ComputeNode?> Stored(string node = Node)
        => (await Store.GetByHostAsync(Options.Host!)).SingleOrDefault(r => r.HypervisorHostname == node);

    /// <summary>Every log record at warning or above, the periodic service's included.</summary>
    public IReadOnlyList<FakeLogRecord> Problems()
        => [.. Logger.Collector.GetSnapshot().Concat(ServiceLogger.Collector.GetSnapshot()).Where(r => r.Level >= LogLevel.Warning)];

    public void Dispose()
    {
        _service?.Dispose();
        Metrics.Dispose();
    }

    private sealed class StaticOptionsMonitor(ComputeResourceOptions value) : IOptionsMonitor<ComputeResourceOptions>
    {
        public ComputeResourceOptions CurrentValue => value;

        public ComputeResourceOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ComputeResourceOptions, string?> listener) => null;
    }
}
