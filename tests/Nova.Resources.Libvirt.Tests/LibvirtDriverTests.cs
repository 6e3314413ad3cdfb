using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nova.Resources.Compute;
using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests;

public sealed class LibvirtDriverTests
{
    private const long GiB = 1L << 30;

    [Fact]
    public async Task GetAvailableResourceAsync_NodeFile_MatchesReferenceAndPythonLibvirt()
    {
        string uri = Fixtures.TestUri("node-64cpu.xml");
        var python = Fixtures.RunPython("libvirt_values.py", uri);
        using var driver = Drivers.Create(uri);

        var resources = (await driver.GetAvailableResourceAsync("any"))!;

        // Values verified with virsh (nodeinfo, list --all, dominfo, vcpucount) in the libvirt reference.
        resources.Vcpus.Should().Be(64).And.Be(python.GetProperty("vcpus").GetInt32());
        resources.MemoryMb.Should().Be(262144).And.Be(python.GetProperty("memory_mb").GetInt64());
        resources.VcpusUsed.Should().Be(10).And.Be(python.GetProperty("vcpus_used").GetInt32());
        python.GetProperty("memory_stats").GetBoolean().Should().BeFalse();
        resources.MemoryMbUsed.Should().Be(69632).And.Be(python.GetProperty("domain_memory_mb").GetInt64());
        resources.HypervisorType.Should().Be("TEST").And.Be(python.GetProperty("hypervisor_type").GetString());
        resources.HypervisorVersion.Should().Be(2).And.Be(python.GetProperty("hypervisor_version").GetInt64());
        resources.HypervisorHostname.Should().Be(python.GetProperty("hypervisor_hostname").GetString());
        resources.NumaTopology.Should().BeNull("a file-based test connection has no NUMA cells in its capabilities");
        resources.SupportedInstances.Should().Equal(new SupportedInstance("i686", "test", "hvm"), new SupportedInstance("i686", "test", "xen"));
        resources.CpuInfo.Should().Be(new CpuInfo { Arch = "i686", Topology = new CpuTopology(0, null, null, null) });
        resources.HostIp.Should().BeNull();
        FluentActions.Invoking(resources.Verify).Should().NotThrow();
    }

    [Fact]
    public async Task GetAvailableResourceAsync_NodeFile_ReportsPciDevicesLikeNova()
    {
        using var driver = Drivers.Create(Fixtures.TestUri("node-64cpu.xml"));

        var resources = (await driver.GetAvailableResourceAsync("any"))!;

        resources.PciPassthroughDevices.Should().Equal(
            new PciDevice { Address = "0000:3b:00.0", VendorId = "8086", ProductId = "1572", DeviceType = "type-PF", NumaNode = 1 },
            new PciDevice { Address = "0000:3b:02.0", VendorId = "8086", ProductId = "154c", DeviceType = "type-VF", NumaNode = 1 });
    }

    [Fact]
    public async Task GetAvailableResourceAsync_TestDefault_ReportsNumaFromCapabilities()
    {
        var python = Fixtures.RunPython("libvirt_values.py", "test:///default");
        using var driver = Drivers.Create("test:///default");

        var resources = (await driver.GetAvailableResourceAsync("any"))!;

        resources.Vcpus.Should().Be(16).And.Be(python.GetProperty("vcpus").GetInt32());
        resources.MemoryMb.Should().Be(3072);
        resources.VcpusUsed.Should().Be(2).And.Be(python.GetProperty("vcpus_used").GetInt32());
        resources.MemoryMbUsed.Should().Be(2048).And.Be(python.GetProperty("domain_memory_mb").GetInt64());
        resources.PciPassthroughDevices.Should().BeEmpty();
        var cells = resources.NumaTopology!.Cells;
        cells.Should().HaveCount(2);
        cells[0].Cpus.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
        cells[0].PCpus.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
        cells[0].MemoryMb.Should().Be(2048);
        cells[0].Siblings.Should().HaveCount(8);
        cells[0].PageSizes.Should().Equal(new NumaPageSize(4, 524288, 0), new NumaPageSize(2048, 0, 0), new NumaPageSize(1048576, 0, 0));
        cells[1].Cpus.Should().Equal(8, 9, 10, 11, 12, 13, 14, 15);
        cells[1].MemoryMb.Should().Be(4096);
        cells[1].PageSizes[0].Should().Be(new NumaPageSize(8, 524288, 0));
    }

    [Fact]
    public async Task GetAvailableResourceAsync_FakeFileSystem_ComputesDiskLikeNova()
    {
        var fileSystem = FakeFileSystem.Default();
        using var driver = Drivers.Create(Fixtures.TestUri("node-64cpu.xml"), fileSystem: fileSystem);

        var resources = (await driver.GetAvailableResourceAsync("any"))!;

        fileSystem.Paths.Should().Equal("/instances");
        resources.LocalGb.Should().Be(100);
        resources.LocalGbUsed.Should().Be(39, "39.25 GiB truncates as Nova's int() does");
        resources.DiskAvailableLeast.Should().Be(60, "no domain has a disk, so it is the free 60.5 GiB, truncated");
    }

    [Fact]
    public async Task GetAvailableResourceAsync_DomainWithFakeDisk_NeverAddsSpace()
    {
        // test:///default's domain has a file disk whose fake block info reports allocation above capacity.
        using var driver = Drivers.Create("test:///default", fileSystem: FakeFileSystem.Default());

        var resources = (await driver.GetAvailableResourceAsync("any"))!;

        resources.DiskAvailableLeast.Should().Be(60);
    }

    [Fact]
    public async Task GetAvailableResourceAsync_RealStatvfs_UsesInstancesPath()
    {
        string dir = Directory.CreateTempSubdirectory("nova-instances-").FullName;
        try
        {
            var stats = StatvfsFileSystemStatsProvider.Instance.GetStats(dir);
            using var driver = Drivers.Create("test:///default", fileSystem: StatvfsFileSystemStatsProvider.Instance, instancesPath: dir);

            var resources = (await driver.GetAvailableResourceAsync("any"))!;

            resources.LocalGb.Should().Be((long)(stats.TotalBytes / GiB));
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public async Task GetAvailableResourceAsync_MissingInstancesPath_NamesPathAndOption()
    {
        using var driver = new LibvirtDriver(
            new LibvirtDriverOptions { ConnectionUri = "qemu:///system", InstancesPath = "/nonexistent/nova/instances" },
            new FakeLogger(),
            StatvfsFileSystemStatsProvider.Instance);

        var act = async () => await driver.GetAvailableResourceAsync("any");

        await act.Should().ThrowAsync<DirectoryNotFoundException>()
            .WithMessage("The instances path '/nonexistent/nova/instances' does not exist*Libvirt:InstancesPath (Nova's instances_path)*");
    }

    [Fact]
    public void StatvfsProvider_Root_MatchesStatCommand()
    {
        var stats = StatvfsFileSystemStatsProvider.Instance.GetStats("/");
        var start = new System.Diagnostics.ProcessStartInfo("stat", "-f -c \"%S %b\" /") { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        string[] output = process.StandardOutput.ReadToEnd().Trim().Split(' ');
        process.WaitForExit();

        stats.TotalBytes.Should().Be(ulong.Parse(output[0], System.Globalization.CultureInfo.InvariantCulture) * ulong.Parse(output[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task GetAvailableResourceAsync_CancelledToken_ThrowsBeforeAnyCall()
    {
        var logger = new FakeLogger();
        using var driver = Drivers.Create("test:///default", logger: logger);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var act = async () => await driver.GetAvailableResourceAsync("any", cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        logger.Opens().Should().Be(0);
    }

    [Fact]
    public async Task GetAvailableResourceAsync_CancelledBetweenCalls_StopsWithCancellation()
    {
        using var cts = new CancellationTokenSource();
        var fileSystem = new CancellingFileSystem(cts);
        var watcher = new ReleaseWatcher();
        var logger = watcher.Logger;
        using var driver = Drivers.Create("test:///default", logger: logger, fileSystem: fileSystem);

        var act = async () => await driver.GetAvailableResourceAsync("any", cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        await watcher.CallReturned;
        var next = () => driver.GetAvailableResourceAsync("any").AsTask();
        await next.Should().NotThrowAsync("the cancelled read gave the connection back");
        logger.Collector.GetSnapshot().Where(r => r.Id.Id == 500).Should().ContainSingle("the cancelled read stopped after statvfs, before the first libvirt call; only the next one opened");
    }

    [Fact]
    public async Task GetAvailableResourceAsync_CallerHasSynchronizationContext_NeverUsesIt()
    {
        using var driver = Drivers.Create("test:///default");
        var previous = SynchronizationContext.Current;
        Task<HostResources?> read;
        SynchronizationContext.SetSynchronizationContext(new ThrowingSynchronizationContext());
        try
        {
            read = driver.GetAvailableResourceAsync("any").AsTask();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        (await read)!.Vcpus.Should().Be(16);
    }

    [Fact]
    public async Task GetAvailableResourceAsync_BadUri_ThrowsLibvirtException()
    {
        using var driver = Drivers.Create(":::notauri");

        var act = async () => await driver.GetAvailableResourceAsync("any");

        (await act.Should().ThrowAsync<LibvirtException>()).Which.Code.Should().Be(LibvirtErrorCode.InternalError);
    }

    [Fact]
    public async Task GetAvailableNodesAsync_ReturnsHypervisorHostname()
    {
        var python = Fixtures.RunPython("libvirt_values.py", "test:///default");
        using var driver = Drivers.Create("test:///default");

        var nodes = await driver.GetAvailableNodesAsync();

        nodes.Should().Equal(python.GetProperty("hypervisor_hostname").GetString());
    }

    [Fact]
    public void HostnameCache_NameChanges_LogsNovasErrorAndKeepsFirst()
    {
        var logger = new FakeLogger();
        var cache = new HostnameCache(logger);

        cache.Observe("host-a").Should().Be("host-a");
        cache.Observe("host-a").Should().Be("host-a");
        logger.Collector.Count.Should().Be(0);

        cache.Observe("host-b").Should().Be("host-a");

        logger.LatestRecord.Level.Should().Be(LogLevel.Error);
        logger.LatestRecord.Message.Should().Be("Hostname has changed from host-a to host-b. A restart is required to take effect.");
    }

    [Fact]
    public async Task GetPerInstanceUsageAsync_NodeFile_ListsRunningDomainsOnly()
    {
        string uri = Fixtures.TestUri("node-64cpu.xml");
        var python = Fixtures.RunPython("libvirt_values.py", uri);
        using var driver = Drivers.Create(uri);

        var usage = await driver.GetPerInstanceUsageAsync("any");

        usage.Should().Equal(
            new InstanceUsage("11111111-1111-4111-8111-111111111111", "small", 2, 4096),
            new InstanceUsage("22222222-2222-4222-8222-222222222222", "large", 8, 65536));
        usage.Select(u => new object[] { u.Uuid, u.Name!, u.Vcpus, u.MemoryMb }).Should().BeEquivalentTo(
            python.GetProperty("instances").EnumerateArray().Select(i => new object[] { i[0].GetString()!, i[1].GetString()!, i[2].GetInt32(), i[3].GetInt64() }));
    }

    [Fact]
    public async Task GetAvailableResourceAsync_TestDefault_CpuInfoIsNovasString()
    {
        using var driver = Drivers.Create("test:///default");

        (await driver.GetAvailableResourceAsync("any"))!.CpuInfo!.ToNovaJson().Should().Be(
            "{\"arch\": \"i686\", \"model\": null, \"vendor\": null, \"topology\": {\"cells\": 2, \"sockets\": null, \"cores\": null, \"threads\": null}, \"features\": []}");
    }

    [Fact]
    public async Task Reads_ManyThreadsOnOneDriver_AllAgree()
    {
        var logger = new FakeLogger();
        using var driver = Drivers.Create(Fixtures.TestUri("node-64cpu.xml"), logger: logger);

        var reads = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            var last = default(HostResources);
            for (int i = 0; i < 20; i++)
            {
                last = await driver.GetAvailableResourceAsync("any");
            }

            return last!;
        })));

        reads.Select(r => (r.Vcpus, r.VcpusUsed, r.MemoryMbUsed)).Should().AllBeEquivalentTo((64, 10, 69632L));
        logger.Opens().Should().Be(1);
    }

    private sealed class CancellingFileSystem(CancellationTokenSource cts) : IFileSystemStatsProvider
    {
        private int _calls;

        public FileSystemStats GetStats(string path)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                cts.Cancel();
            }

            return new FileSystemStats(1, 1, 0);
        }
    }

    private sealed class ThrowingSynchronizationContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => throw new InvalidOperationException("posted to the caller's context");

        public override void Send(SendOrPostCallback d, object? state) => throw new InvalidOperationException("sent to the caller's context");
    }
}
