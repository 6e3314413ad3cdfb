using Nova.Resources.HostReport;

// host-report: wires Nova.Resources the way an application does (generic host, configuration from
// appsettings.json, environment variables and the command line), runs one audit through the libvirt
// driver and prints the host's resource view.
return await HostReportCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
