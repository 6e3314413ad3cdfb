using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Logging.Abstractions;
using Nova.Resources;
using Nova.Resources.Compute;
using Nova.Resources.Libvirt;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Benchmarks;

/// <summary>
/// The libvirt driver on libvirt's in-process test driver (test:///default): one whole resource read, and the raw
/// calls beneath it, to compare with the same calls in C (benchmarks/libvirt_bench.c, in this class as
/// <see cref="GetAvailableResourceC"/> and standalone) and with python3-libvirt (benchmarks/libvirt_bench.py).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LibvirtBenchmarks
{
    private const string Uri = "test:///default";

    private LibvirtDriver _driver = null!;
    private LibvirtConnection _connection = null!;
    private SafeConnectHandle _raw = null!;
    private string _instances = null!;
    private LibvirtCBaseline _c = null!;

    [GlobalSetup]
    public void Setup()
    {
        _instances = Directory.CreateTempSubdirectory("nova-bench-instances-").FullName;
        _driver = new LibvirtDriver(
            new LibvirtDriverOptions { ConnectionUri = Uri, InstancesPath = _instances },
            NullLogger.Instance,
            StatvfsFileSystemStatsProvider.Instance);
        _connection = new LibvirtConnection(Uri, readOnly: true, NullLogger.Instance);
        LibvirtRuntime.EnsureInitialized();
        _raw = LibvirtNative.virConnectOpenReadOnly(Uri);
        _c = new LibvirtCBaseline(Uri, _instances);
        if (_raw.IsInvalid || GetAvailableResource().AsTask().Result is null)
        {
            throw new InvalidOperationException("test:///default did not open");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _driver.Dispose();
        _connection.Dispose();
        _raw.Dispose();
        _c.Dispose();
        Directory.Delete(_instances);
    }

    /// <summary>
    /// One <c>GetAvailableResourceAsync</c>: every HostResources field (capabilities parsed once, as Nova caches
    /// them), called from the benchmark's thread, which then blocks for the result on another thread.
    /// </summary>
    [BenchmarkCategory("read")]
    [Benchmark]
    public ValueTask<HostResources?> GetAvailableResource() => _driver.GetAvailableResourceAsync("node");

    /// <summary>
    /// The same sequence of libvirt calls (and the statvfs) in C, <c>libvirt_bench_whole_read</c> of
    /// benchmarks/libvirt_bench.c: the baseline of the three .NET reads, timed by the same harness in the same run.
    /// </summary>
    [BenchmarkCategory("read")]
    [Benchmark(Baseline = true)]
    public long GetAvailableResourceC() => _c.WholeRead();

    /// <summary>
    /// Sixteen reads awaited one after another by an async caller on the thread pool, as the audit awaits them: the
    /// read's work item runs on the caller's own pool thread, so only the first of the sixteen crosses threads.
    /// </summary>
    [BenchmarkCategory("read")]
    [Benchmark(OperationsPerInvoke = 16)]
    public Task GetAvailableResourceAwaited() => Task.Run(async () =>
    {
        for (int i = 0; i < 16; i++)
        {
            _ = await _driver.GetAvailableResourceAsync("node");
        }
    });

    /// <summary>
    /// The same read on the benchmark's own thread, without the thread-pool hop and the deadline that
    /// <c>GetAvailableResourceAsync</c> adds so that no caller waits past its cancellation for a hung call.
    /// </summary>
    [BenchmarkCategory("read")]
    [Benchmark]
    public HostResources ReadResourcesInline() => _driver.ReadResources(CancellationToken.None);

    /// <summary>The bare P/Invoke: <c>virNodeGetInfo</c> into a stack struct.</summary>
    [BenchmarkCategory("calls")]
    [Benchmark]
    public unsafe uint NodeGetInfoRaw()
    {
        VirNodeInfo info;
        return LibvirtNative.virNodeGetInfo(_raw, &info) < 0 ? 0 : info.Cpus;
    }

    /// <summary><c>virNodeGetInfo</c> through the connection: SafeHandle reference counted by the marshaller, error check.</summary>
    [BenchmarkCategory("calls")]
    [Benchmark]
    public int NodeGetInfo() => _connection.GetNodeInfo().Cpus;

    /// <summary><c>virConnectGetCapabilities</c> decoded and freed.</summary>
    [BenchmarkCategory("calls")]
    [Benchmark]
    public int GetCapabilities() => _connection.GetCapabilities().Length;

    /// <summary><c>virConnectListAllDomains</c>, then <c>virDomainGetInfo</c> and <c>virDomainFree</c> on each.</summary>
    [BenchmarkCategory("calls")]
    [Benchmark]
    public ulong ListAllDomainsAndInfo()
    {
        ulong memory = 0;
        foreach (var domain in _connection.ListAllDomains(0))
        {
            memory += domain.GetInfo().MemoryKib;
            domain.Dispose();
        }

        return memory;
    }
}
