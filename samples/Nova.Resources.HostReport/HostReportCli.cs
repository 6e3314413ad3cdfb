using System.CommandLine;

namespace Nova.Resources.HostReport;

/// <summary>
/// host-report's command line: <c>--connect</c>, <c>--json</c>, <c>--watch</c>, <c>--cluster</c> and configuration keys such as
/// <c>--Nova:ReservedHostMemoryMb=1024</c>. A usage error is one line and exit code 2, as for every other usage error.
/// </summary>
internal static class HostReportCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var connect = new Option<string?>("--connect", "-c")
        {
            Description = "The libvirt connection URI (default: Libvirt:ConnectionUri from configuration, else test:///default).",
        };
        var json = new Option<bool>("--json") { Description = "Print the view as JSON instead of a table." };
        var watch = new Option<bool>("--watch", "-w")
        {
            Description = "Keep auditing every Nova:UpdateResourcesInterval (update_resources_interval; 10 s in this sample's"
                + " appsettings.json), print one line per audit and show each change; Ctrl+C stops.",
        };
        var cluster = new Option<bool>("--cluster")
        {
            Description = "After this host's audit, print the cluster's statistics and one line per host from the store (PostgreSql:ConnectionString).",
        };
        var root = new RootCommand(
            "Prints this host's resource view as OpenStack Nova's resource tracker sees it. Configuration keys such as "
            + "--Nova:ReservedHostMemoryMb=1024 or --Libvirt:InstancesPath=/srv may follow the options.")
        {
            connect, json, watch, cluster,
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parseResult, token) =>
        {
            var settings = new ReportSettings(
                parseResult.GetValue(connect),
                parseResult.GetValue(json),
                parseResult.GetValue(watch),
                [.. parseResult.UnmatchedTokens],
                parseResult.GetValue(cluster));
            return HostReportCommand.RunAsync(settings, output, error, token);
        });

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"host-report: {parsed.Errors[0].Message} See --help.");
            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }
}
