using System.Net;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Compute;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>Everything a tracker needs, faked: Nova's FakeDriver numbers, a fake clock, a counting store, a fake logger.</summary>
internal sealed class TrackerHarness : IDisposable
{
    public const string Node = FakeComputeDriver.DefaultNodeName;
    public const string Host = "compute";

    private HostState? _hostState;
    private int _hostIpDetections;

    public TrackerHarness()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    }

    public FakeComputeDriver Driver { get; } = new();

    public FakeTimeProvider Time { get; }

    public ComputeResourceOptions Options { get; } = new() { Host = Host };

    public TestStore Store { get; } = new();

    public FakeLogger Logger { get; } = new();

    public InMemoryInstanceLedger Ledger { get; } = new();

    public List<IComputeNodeReporter> Reporters { get; } = [];

    public ResourceMetrics Metrics { get; } = new(meterFactory: null);

    public IInstanceSource? InstanceSource { get; set; }

    /// <summary>Gets or sets what the fake host-address lookup returns (Nova's default my_ip); the real one opens a socket.</summary>
    public IPAddress DetectedHostIp { get; set; } = IPAddress.Parse("203.0.113.5");

    /// <summary>Gets how many times the host address was looked up.</summary>
    public int HostIpDetections => _hostIpDetections;

    public HostState HostState => _hostState ??= new HostState(Driver, Microsoft.Extensions.Options.Options.Create(Options), Time);

    public TrackerServices Services => new()
    {
        Driver = Driver,
        HostState = HostState,
        Store = Store,
        Ledger = Ledger,
        Reporters = Reporters,
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

    public IReadOnlyList<string> Messages => [.. Logger.Collector.GetSnapshot().Select(r => r.Message)];

    public ResourceTracker CreateTracker(string node = Node) => new(node, Services);

    public async Task<ResourceTracker> AuditedTracker(string node = Node)
    {
        var tracker = CreateTracker(node);
        await tracker.UpdateAvailableResourceAsync();
        return tracker;
    }

    /// <summary>FakeDriver resources with different totals.</summary>
    public void SetTotals(int vcpus, long memoryMb, long localGb, string node = Node)
        => Driver.SetResources(node, FakeComputeDriver.CreateResources(node) with { Vcpus = vcpus, MemoryMb = memoryMb, LocalGb = localGb });

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

    public void Dispose() => Metrics.Dispose();
}
