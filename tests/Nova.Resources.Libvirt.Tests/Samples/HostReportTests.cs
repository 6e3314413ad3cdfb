using System.Text.Json;
using Nova.Resources.HostReport;

namespace Nova.Resources.Libvirt.Tests.Samples;

/// <summary>The host-report sample, run in process against libvirt's test driver.</summary>
public sealed class HostReportTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string? uri, bool json, params string[] configuration)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = new ReportSettings(uri, json, Watch: false, ["--Libvirt:InstancesPath=/", .. configuration]);
        int exitCode = await HostReportCommand.RunAsync(settings, output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task RunAsync_Json_PrintsTheTestDriversView()
    {
        var (exitCode, output, error) = await RunAsync("test:///default", json: true, "--Nova:MyIp=192.0.2.7");

        exitCode.Should().Be(0, error);
        using var document = JsonDocument.Parse(output);
        var node = document.RootElement.EnumerateArray().Should().ContainSingle().Subject;
        node.GetProperty("hypervisor_type").GetString().Should().Be("TEST");
        node.GetProperty("host_ip").GetString().Should().Be("192.0.2.7");
        node.GetProperty("vcpus").GetProperty("total").GetInt64().Should().Be(16);
        var memory = node.GetProperty("memory_mb");
        memory.GetProperty("total").GetInt64().Should().Be(3072);
        // 512 MiB reserved for the host plus the test driver's running domain "test" (2 GiB), which no
        // one tracks and so counts as an orphan instance (memory only).
        memory.GetProperty("used").GetInt64().Should().Be(512 + 2048);
        var inventory = node.GetProperty("inventory");
        inventory.GetProperty("VCPU").GetProperty("allocation_ratio").GetDouble().Should().Be(4.0);
        inventory.GetProperty("MEMORY_MB").GetProperty("reserved").GetInt64().Should().Be(512);
    }

    [Fact]
    public async Task RunAsync_Table_ShowsResourcesAndInventory()
    {
        var (exitCode, output, error) = await RunAsync("test:///default", json: false, "--Nova:ReservedHostCpus=2");

        exitCode.Should().Be(0, error);
        output.Should().Contain("memory (MiB)").And.Contain("Placement inventory").And.Contain("MEMORY_MB").And.Contain("VCPU");
        output.Should().MatchRegex(@"vcpus\s*│\s*16\s*│\s*2\s*│\s*14\s*│");
    }

    [Fact]
    public async Task RunAsync_Json_ExplainsWhereUsedComesFromBesideTheHypervisorsView()
    {
        var (exitCode, output, error) = await RunAsync("test:///default", json: true, "--Nova:MyIp=192.0.2.7");

        exitCode.Should().Be(0, error);
        using var document = JsonDocument.Parse(output);
        var node = document.RootElement[0];
        var memory = node.GetProperty("memory_mb");
        var usedBy = memory.GetProperty("used_by");
        (usedBy.GetProperty("reserved").GetInt64(), usedBy.GetProperty("instances").GetInt64(), usedBy.GetProperty("orphans").GetInt64())
            .Should().Be((512, 0, 2048), "the test driver's running domain 'test' (2 GiB) is tracked by no one");
        memory.GetProperty("hypervisor_used").GetInt64().Should().Be(2048, "the test driver reports its domains' memory as used");
        node.GetProperty("vcpus").GetProperty("hypervisor_used").GetInt64().Should().Be(2, "the domain 'test' has 2 vCPUs, which orphans do not count");
        node.GetProperty("orphan_instances").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task RunAsync_Table_ShowsWhereUsedComesFrom()
    {
        var (exitCode, output, error) = await RunAsync("test:///default", json: false);

        exitCode.Should().Be(0, error);
        output.Should().Contain("Where used comes from").And.Contain("untracked (orphan)");
        output.Should().MatchRegex(@"memory \(MiB\)\s*│\s*2560\s*│\s*512\s*│\s*0\s*│\s*2048\s*│\s*2048\s*│");
    }

    [Fact]
    public async Task RunAsync_UnreachableUri_PrintsOneLineAndFails()
    {
        var (exitCode, output, error) = await RunAsync("test:///no/such/node.xml", json: false);

        exitCode.Should().Be(3);
        output.Should().BeEmpty();
        error.Trim().Should().StartWith("host-report: libvirt: ").And.Contain("/no/such/node.xml");
        error.Should().NotContain("   at ", "no stack trace reaches the user");
    }

    [Fact]
    public async Task RunAsync_BadOption_NamesTheOptionAndValue()
    {
        var (exitCode, _, error) = await RunAsync("test:///default", json: false, "--Nova:VcpuPinSet=0-3,^0-3");

        exitCode.Should().Be(2);
        error.Should().Contain("No CPUs available after parsing 'vcpu_pin_set' config, '0-3,^0-3'");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }

    [Fact]
    public async Task RunAsync_PinSetBeyondTheHost_ReportsNovasError()
    {
        var (exitCode, _, error) = await RunAsync("test:///default", json: false, "--Nova:VcpuPinSet=0-99");

        exitCode.Should().Be(2);
        error.Trim().Should().Be("host-report: Invalid vcpu_pin_set config, out of hypervisor cpu range. The hypervisor reports 16 CPUs; VcpuPinSet (vcpu_pin_set) names CPU 99.");
    }

    [Fact]
    public async Task RunAsync_UnknownArgument_Fails()
    {
        var (exitCode, _, error) = await RunAsync("test:///default", json: false, "--jsn");

        exitCode.Should().Be(2);
        error.Should().Contain("Unrecognized argument '--jsn'");
    }

    [Fact]
    public void Diff_ChangedUsage_ListsEachField()
    {
        var inventory = new Dictionary<string, Nova.Resources.Tracking.InventoryRecord>();
        var before = new NodeView("n1", "h", "TEST", 2, null, 0, new(16, 0, 16, 4), new(3072, 512, 2560, 1), new(100, 0, 100, 1), null, inventory);
        var after = before with { RunningVms = 1, Vcpus = new(16, 2, 14, 4) };

        var changes = WatchLoop.Diff([before], [after, before with { Node = "n2" }], new DateTimeOffset(2026, 11, 24, 1, 2, 3, TimeSpan.Zero));

        changes.Should().Equal(
            "01:02:03 n1: vcpus_used 0 -> 2",
            "01:02:03 n1: free_vcpus 16 -> 14",
            "01:02:03 n1: running_vms 0 -> 1",
            "01:02:03 node n2 appeared");
    }
}
