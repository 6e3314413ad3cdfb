using Nova.Resources.HostReport;

namespace Nova.Resources.Libvirt.Tests.Samples;

/// <summary>host-report's command line and its usage errors: one line, exit code 2, no help dump or stack trace.</summary>
public sealed class HostReportCliTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = await HostReportCli.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task RunAsync_ConnectWithoutValue_ExitsTwoWithOneUsageLine()
    {
        var (exitCode, output, error) = await RunAsync("--connect");

        exitCode.Should().Be(2);
        output.Should().BeEmpty("the usage error does not print the whole help");
        error.Should().Be("host-report: Required argument missing for option: '--connect'. See --help." + Environment.NewLine);
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsageAndSucceeds()
    {
        var (exitCode, output, error) = await RunAsync("--help");

        exitCode.Should().Be(0, error);
        output.Should().Contain("--connect").And.Contain("--watch").And.Contain("Nova:UpdateResourcesInterval");
    }

    [Fact]
    public async Task RunAsync_WatchWithNovaStyleInterval_OneLineNamingTheFixAndNoStackTrace()
    {
        var (exitCode, output, error) = await RunAsync("--watch", "--Libvirt:InstancesPath=/", "--Nova:UpdateResourcesInterval=60");

        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Be(
            "host-report: Invalid configuration: Value for option Nova:UpdateResourcesInterval (update_resources_interval) is not valid:"
            + " Should be at most 49.17:02:47.2940000, the longest period the audit timer takes; a plain number binds as days:"
            + " for 60 seconds write 00:01:00 (value: 60.00:00:00)" + Environment.NewLine);
    }
}
