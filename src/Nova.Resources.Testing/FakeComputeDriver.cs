using Nova.Resources.Compute;

namespace Nova.Resources.Testing;

/// <summary>
/// A compute driver for unit tests that reports Nova's <c>nova.virt.fake.FakeDriver</c> numbers and lets a test
/// choose the nodes and resources, make calls fail or hang, and count the calls.
/// </summary>
/// <remarks>
/// <para>
/// By default the driver manages one node, <c>fake-mini</c>, and reports for every managed node what
/// <see cref="CreateResources"/> returns: 1000 vCPUs, 800000 MiB, 600000 GiB, nothing used, hypervisor
/// <c>fake</c> version 1000, the FakeDriver's <c>cpu_info</c>, one supported instance
/// <c>(x86_64, fake, hvm)</c>, no NUMA topology. For a node it does not manage it reports
/// <see langword="null"/> (no resource tracking), as the FakeDriver reports an empty dictionary.
/// </para>
/// <para>Every member is safe to call from several threads, including while calls are in progress.</para>
/// </remarks>
public sealed partial class FakeComputeDriver : IComputeDriver
{
    /// <summary>The node a new driver manages: <c>fake-mini</c>, as Nova's FakeDriver on host <c>compute</c>.</summary>
    public const string DefaultNodeName = "fake-mini";

    private static readonly CpuInfo FakeCpuInfo = new()
    {
        Arch = "x86_64",
        Model = "Nehalem",
        Vendor = "Intel",
        Topology = new CpuTopology(Cells: null, Sockets: 4, Cores: 1, Threads: 1),
        Features = ["pge", "clflush"],
    };

    private static readonly SupportedInstance[] FakeSupportedInstances = [new("x86_64", "fake", "hvm")];
    private static readonly int MethodCount = Enum.GetValues<FakeComputeDriverMethod>().Length;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, HostResources?> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<InstanceUsage>> _usage = new(StringComparer.Ordinal);
    private readonly Queue<Exception>[] _failures;
    private readonly Queue<TaskCompletionSource>[] _hangs;
    private readonly List<TaskCompletionSource> _hung = [];
    private readonly int[] _callCounts;
    private IReadOnlyList<string> _nodes = [DefaultNodeName];

    /// <summary>Creates a driver that manages <see cref="DefaultNodeName"/>.</summary>
    public FakeComputeDriver()
    {
        _callCounts = new int[MethodCount];
        _failures = new Queue<Exception>[MethodCount];
        _hangs = new Queue<TaskCompletionSource>[MethodCount];
        for (int i = 0; i < MethodCount; i++)
        {
            _failures[i] = new Queue<Exception>();
            _hangs[i] = new Queue<TaskCompletionSource>();
        }
    }

    /// <summary>Gets the nodes the driver manages, in the order set.</summary>
    public IReadOnlyList<string> Nodes
    {
        get
        {
            lock (_gate)
            {
                return _nodes;
            }
        }
    }

    /// <summary>
    /// Returns the resources Nova's FakeDriver reports for a node: 1000 vCPUs, 800000 MiB memory, 600000 GiB
    /// disk, nothing used, hypervisor <c>fake</c> version 1000 with the node as its hostname, the FakeDriver's
    /// <c>cpu_info</c>, <c>disk_available_least</c> 0, supported instance <c>(x86_64, fake, hvm)</c>, no NUMA
    /// topology and no PCI devices. Start from it with a <see langword="with"/> expression to vary one value.
    /// </summary>
    /// <param name="nodeName">The node, reported as the hypervisor hostname.</param>
    /// <returns>The resources.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeName"/> is null.</exception>
    public static HostResources CreateResources(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        return new HostResources
        {
            Vcpus = 1000,
            MemoryMb = 800000,
            LocalGb = 600000,
            VcpusUsed = 0,
            MemoryMbUsed = 0,
            LocalGbUsed = 0,
            HypervisorType = "fake",
            HypervisorVersion = 1000,
            HypervisorHostname = nodeName,
            CpuInfo = FakeCpuInfo,
            DiskAvailableLeast = 0,
            SupportedInstances = FakeSupportedInstances,
            NumaTopology = null,
        };
    }

    /// <summary>Sets the nodes the driver manages (Nova's FakeDriver <c>_set_nodes</c>).</summary>
    /// <param name="nodes">The node names; none means the driver manages no node.</param>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> or one of its names is null.</exception>
    public void SetNodes(params string[] nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        string[] copy = [.. nodes];
        foreach (var node in copy)
        {
            ArgumentNullException.ThrowIfNull(node, nameof(nodes));
        }

        lock (_gate)
        {
            _nodes = Array.AsReadOnly(copy);
        }
    }

    /// <summary>
    /// Sets what the driver reports for a node, whether or not it manages the node; <see langword="null"/>
    /// reports that the driver does not support resource tracking.
    /// </summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="resources">The resources to report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="nodeName"/> is null.</exception>
    public void SetResources(string nodeName, HostResources? resources)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        lock (_gate)
        {
            _resources[nodeName] = resources;
        }
    }

    /// <summary>Goes back to reporting the default resources (or none, for a node it does not manage) for a node.</summary>
    /// <param name="nodeName">The node.</param>
    /// <exception cref="ArgumentNullException"><paramref name="nodeName"/> is null.</exception>
    public void ResetResources(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        lock (_gate)
        {
            _resources.Remove(nodeName);
        }
    }

    /// <summary>Sets the instances the driver reports as running on a node (none by default).</summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="instances">The instances and what each uses.</param>
    /// <exception cref="ArgumentNullException">An argument or one of the instances is null.</exception>
    public void SetInstanceUsage(string nodeName, params InstanceUsage[] instances)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        ArgumentNullException.ThrowIfNull(instances);
        InstanceUsage[] copy = [.. instances];
        foreach (var instance in copy)
        {
            ArgumentNullException.ThrowIfNull(instance, nameof(instances));
        }

        lock (_gate)
        {
            _usage[nodeName] = Array.AsReadOnly(copy);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<string>> GetAvailableNodesAsync(CancellationToken cancellationToken = default)
        => Call(FakeComputeDriverMethod.GetAvailableNodes, () => Nodes, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="nodeName"/> is null.</exception>
    public ValueTask<HostResources?> GetAvailableResourceAsync(string nodeName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        return Call(FakeComputeDriverMethod.GetAvailableResource, () => ResourcesOf(nodeName), cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="nodeName"/> is null.</exception>
    public ValueTask<IReadOnlyList<InstanceUsage>> GetPerInstanceUsageAsync(string nodeName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        return Call(FakeComputeDriverMethod.GetPerInstanceUsage, () => UsageOf(nodeName), cancellationToken);
    }

    private HostResources? ResourcesOf(string nodeName)
    {
        lock (_gate)
        {
            if (_resources.TryGetValue(nodeName, out var resources))
            {
                return resources;
            }

            foreach (var node in _nodes)
            {
                if (string.Equals(node, nodeName, StringComparison.Ordinal))
                {
                    return CreateResources(nodeName);
                }
            }

            return null;
        }
    }

    private IReadOnlyList<InstanceUsage> UsageOf(string nodeName)
    {
        lock (_gate)
        {
            return _usage.TryGetValue(nodeName, out var usage) ? usage : [];
        }
    }
}
