using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Nova.Resources;
using Nova.Resources.Compute;
using Nova.Resources.Libvirt;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Benchmarks;

/// <summary>
/// The libvirt driver on libvirt's in-process test driver (test:///default): one whole resource read, and the raw
/// calls beneath it, to compare with python3-libvirt doing the same calls (benchmarks/libvirt_bench.py).
/// </summary>
[MemoryDiagnoser]
public unsafe class LibvirtBenchmarks
{
    private const string Uri = "test:///default";

    private LibvirtDriver _driver = null!;
    private LibvirtConnection _connection = null!;
    private SafeConnectHandle _raw = null!;
    private string _instances = null!;

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
        Directory.Delete(_instances);
    }

    /// <summary>One <c>GetAvailableResourceAsync</c>: every HostResources field (capabilities parsed once, as Nova caches them).</summary>
    [Benchmark]
    public ValueTask<HostResources?> GetAvailableResource() => _driver.GetAvailableResourceAsync("node");

    /// <summary>The bare P/Invoke: <c>virNodeGetInfo</c> into a stack struct.</summary>
    [Benchmark]
    public uint NodeGetInfoRaw()
    {
        VirNodeInfo info;
        return LibvirtNative.virNodeGetInfo(_raw.DangerousGetHandle(), &info) < 0 ? 0 : info.Cpus;
    }

    /// <summary><c>virNodeGetInfo</c> through the connection: handle lease, error check, model string decoded.</summary>
    [Benchmark]
    public int NodeGetInfo() => _connection.GetNodeInfo().Cpus;

    /// <summary><c>virConnectGetCapabilities</c> decoded and freed.</summary>
    [Benchmark]
    public int GetCapabilities() => _connection.GetCapabilities().Length;

    /// <summary><c>virConnectListAllDomains</c>, then <c>virDomainGetInfo</c> and <c>virDomainFree</c> on each.</summary>
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
