using System.Text.Json;
using Nova.Resources.HostReport;
using Nova.Resources.PostgreSql.Tests.Fixtures;

namespace Nova.Resources.PostgreSql.Tests.Samples;

/// <summary>The host-report sample with <c>PostgreSql:ConnectionString</c> set: two hosts report, <c>--cluster</c> shows both.</summary>
[Collection(PostgresGroup.Name)]
public sealed class HostReportClusterTests(PostgresServer server)
{
    [Fact]
    public async Task RunAsync_ClusterJson_PrintsNovasStatisticsAndEveryHost()
    {
        string database = await server.CreateDatabaseAsync(server.AdminConnectionString, "hostreport");
        (await RunAsync(database, cluster: false, json: false, "alpha")).ExitCode.Should().Be(0);

        var (exitCode, output, error) = await RunAsync(database, cluster: true, json: true, "beta");

        exitCode.Should().Be(0, error);
        using var document = JsonDocument.Parse(output);
        var statistics = document.RootElement.GetProperty("hypervisor_statistics");
        statistics.EnumerateObject().Select(p => p.Name).Should().Equal(
            "count", "vcpus", "memory_mb", "local_gb", "vcpus_used", "memory_mb_used", "local_gb_used",
            "free_ram_mb", "free_disk_gb", "current_workload", "running_vms", "disk_available_least");
        statistics.GetProperty("count").GetInt32().Should().Be(2);
        statistics.GetProperty("vcpus").GetInt64().Should().Be(32, "libvirt's test driver has 16 CPUs per host");
        var hosts = document.RootElement.GetProperty("hypervisors").EnumerateArray().ToList();
        hosts.Select(h => h.GetProperty("host").GetString()).Should().Equal("alpha", "beta");
        hosts.Should().OnlyContain(h => h.GetProperty("memory_mb").GetInt64() == 3072 && h.GetProperty("uuid").GetString()!.Length == 36);
    }

    [Fact]
    public async Task RunAsync_ClusterTable_PrintsTheTotalsAndOneLinePerHost()
    {
        string database = await server.CreateDatabaseAsync(server.AdminConnectionString, "hostreporttable");

        var (exitCode, output, error) = await RunAsync(database, cluster: true, json: false, "gamma");

        exitCode.Should().Be(0, error);
        output.Should().Contain("1 compute node(s): vcpus 0/16 used").And.Contain("gamma");
    }

    [Fact]
    public async Task RunAsync_StoreUnreachable_PrintsOneLineNamingTheSettingAndFails()
    {
        var (exitCode, output, error) = await RunAsync("Host=127.0.0.1;Port=1;Username=nova;Password=hunter2", cluster: true, json: false, "delta");

        exitCode.Should().Be(3);
        output.Should().BeEmpty();
        error.Trim().Should().StartWith("host-report: PostgreSql:ConnectionString: cannot connect to PostgreSQL").And.NotContain("hunter2");
        error.Should().NotContain("   at ");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string connectionString, bool cluster, bool json, string host)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = new ReportSettings(
            "test:///default",
            json,
            Watch: false,
            ["--Libvirt:InstancesPath=/", $"--Nova:Host={host}", "--Nova:MyIp=192.0.2.7", $"--PostgreSql:ConnectionString={connectionString}"],
            cluster);
        int exitCode = await HostReportCommand.RunAsync(settings, output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
