using System.CommandLine;
using Nova.Resources.HostReport;

// host-report: wires Nova.Resources the way an application does (generic host, configuration from
// appsettings.json, environment variables and the command line), runs one audit through the libvirt
// driver and prints the host's resource view.
var connect = new Option<string?>("--connect", "-c")
{
    Description = "The libvirt connection URI (default: Libvirt:ConnectionUri from configuration, else test:///default).",
};
var json = new Option<bool>("--json") { Description = "Print the view as JSON instead of a table." };
var watch = new Option<bool>("--watch", "-w")
{
    Description = "Keep auditing every Nova:UpdateResourcesInterval (default 10 s here) and show each change; Ctrl+C stops.",
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
root.SetAction((parseResult, cancellationToken) =>
{
    var settings = new ReportSettings(
        parseResult.GetValue(connect),
        parseResult.GetValue(json),
        parseResult.GetValue(watch),
        [.. parseResult.UnmatchedTokens],
        parseResult.GetValue(cluster));
    return HostReportCommand.RunAsync(settings, Console.Out, Console.Error, cancellationToken);
});

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
