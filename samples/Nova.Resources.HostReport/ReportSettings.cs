namespace Nova.Resources.HostReport;

/// <summary>What the command line asked for.</summary>
/// <param name="ConnectionUri">The libvirt URI given with --connect, if any.</param>
/// <param name="Json">Print JSON instead of a table.</param>
/// <param name="Watch">Keep auditing and show changes.</param>
/// <param name="ConfigurationArguments">The remaining --Section:Key=value arguments.</param>
/// <param name="Cluster">After this host's audit, print the whole cluster's statistics and records from the store.</param>
internal sealed record ReportSettings(string? ConnectionUri, bool Json, bool Watch, IReadOnlyList<string> ConfigurationArguments, bool Cluster = false);
