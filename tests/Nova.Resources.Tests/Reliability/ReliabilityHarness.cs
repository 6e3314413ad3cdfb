using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Compute;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Reliability;

/// <summary>
/// A host's whole audit path, faked at its edges: FakeComputeDriver, a <see cref="FaultyStore"/>, a FakeTimeProvider,
/// FakeLoggers; the real HostState, ResourceTracker, ComputeResourceManager and periodic ResourceAuditService.
/// </summary>
internal sealed class ReliabilityHarness : IDisposable
{
    public const string Node = FakeComputeDriver.DefaultNodeName;
    public const string Host = "compute-1";

    public ReliabilityHarness(int vcpus = 32, long memoryMb = 16384 + 512, long localGb = 400)
    {
        Options = new ComputeResourceOptions
        {
            Host = Host,
            CpuAllocationRatio = 1.0,
            RamAllocationRatio = 1.0,
            DiskAllocationRatio = 1.0,
            UpdateResourcesInterval = TimeSpan.FromMilliseconds(5),
        };
        Driver.SetResources(Node, Resources(vcpus, memoryMb, localGb));
        HostState = new HostState(Driver, Microsoft.Extensions.Options.Options.Create(Options), Time);
        Services = new TrackerServices
        {
            Driver = Driver,
            HostState = HostState,
            Store = Store,
            Ledger = Ledger,
            Reporters = Reporters,
            TimeProvider = Time,
            Logger = Logger,
            Metrics = Metrics,
            Options = () => Options,
        };
        Manager = new ComputeResourceManager(Services, Logger);
        Service = new ResourceAuditService(Manager, new StaticOptionsMonitor(Options), Time, ServiceLogger);
    }

    public FakeComputeDriver Driver { get; } = new();

    public FaultyStore Store { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeLogger Logger { get; } = new();

    public InMemoryInstanceLedger Ledger { get; } = new();

    public List<IComputeNodeReporter> Reporters { get; } = [];

    public FakeLogger<ResourceAuditService> ServiceLogger { get; } = new();

    public ResourceMetrics Metrics { get; } = new(meterFactory: null);

    public ComputeResourceOptions Options { get; }

    public HostState HostState { get; }

    public TrackerServices Services { get; }

    public ComputeResourceManager Manager { get; }

    public ResourceAuditService Service { get; }

    public ResourceTracker Tracker => Manager.GetTracker(Node);

    public static HostResources Resources(int vcpus, long memoryMb, long localGb, string node = Node)
        => FakeComputeDriver.CreateResources(node) with { Vcpus = vcpus, MemoryMb = memoryMb, LocalGb = localGb };

    /// <summary>The record the store holds for a node (null when none).</summary>
    public async Task<ComputeNode?> Stored(string node = Node)
        => (await Store.GetByHostAsync(Host)).SingleOrDefault(r => r.HypervisorHostname == node);

    /// <summary>Every log record at warning or above, as "level message | exception".</summary>
    public IReadOnlyList<FakeLogRecord> Problems()
        => [.. Logger.Collector.GetSnapshot().Concat(ServiceLogger.Collector.GetSnapshot()).Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)];

    public void Dispose()
    {
        Service.Dispose();
        Metrics.Dispose();
    }

    private sealed class StaticOptionsMonitor(ComputeResourceOptions value) : IOptionsMonitor<ComputeResourceOptions>
    {
        public ComputeResourceOptions CurrentValue => value;

        public ComputeResourceOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ComputeResourceOptions, string?> listener) => null;
    }
}
