using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nova.Resources.Compute;
using Nova.Resources.Hosting;
using Nova.Resources.Libvirt;
using Spectre.Console;

namespace Nova.Resources.HostReport;

/// <summary>Builds the host, runs the audit and prints the view; turns every expected failure into one line.</summary>
internal static class HostReportCommand
{
    private const string DefaultUri = "test:///default";

    public static async Task<int> RunAsync(ReportSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        int Fail(string message, int exitCode)
        {
            error.WriteLine($"host-report: {message}");
            return exitCode;
        }

        var bad = settings.ConfigurationArguments.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) || !a.Contains(':', StringComparison.Ordinal));
        if (bad is not null)
        {
            return Fail($"Unrecognized argument '{bad}'. See --help.", exitCode: 2);
        }

        IHost host;
        try
        {
            host = BuildHost(settings);
        }
        catch (InvalidOperationException ex)
        {
            return Fail($"Invalid configuration: {ex.Message}", exitCode: 2);
        }

        using (host)
        {
            try
            {
                // Reading the options validates them (as ValidateOnStart would) without starting the periodic audit.
                var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ComputeResourceOptions>>().Value;
                var manager = host.Services.GetRequiredService<ComputeResourceManager>();
                var renderer = new ReportRenderer(settings.Json, output);
                if (!settings.Watch)
                {
                    await AuditAsync(manager, cancellationToken).ConfigureAwait(false);
                    if (settings.Cluster)
                    {
                        await ClusterReport.WriteAsync(host.Services.GetRequiredService<Tracking.IComputeNodeStore>(), renderer, cancellationToken).ConfigureAwait(false);
                        return 0;
                    }

                    renderer.Write(NodeView.FromManager(manager));
                    return 0;
                }

                await new WatchLoop(manager, renderer, error, WatchInterval(options), TimeProvider.System).RunAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 130;
            }
            catch (PostgreSql.PostgreSqlStoreException ex)
            {
                return Fail(ex.Message, exitCode: 3);
            }
            catch (LibvirtException ex)
            {
                return Fail($"libvirt: {ex.Message}", exitCode: 3);
            }
            catch (LibvirtUnavailableException ex)
            {
                return Fail(ex.Message, exitCode: 3);
            }
            catch (IOException ex)
            {
                return Fail(ex.Message, exitCode: 3);
            }
            catch (InvalidOperationException ex)
            {
                // The driver's configuration checks, such as Nova's "Invalid vcpu_pin_set config, out of
                // hypervisor cpu range."
                return Fail(ex.Message, exitCode: 2);
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException ex)
            {
                return Fail($"Invalid configuration: {ex.Message}", exitCode: 2);
            }
            catch (InvalidHostResourcesException ex)
            {
                return Fail($"The driver reported unusable resources: {ex.Message}", exitCode: 3);
            }
        }
    }

    /// <summary>
    /// Runs the host's audit. The audit logs a node's failure and goes on, as Nova does; a report has nothing
    /// to show for a node without a record, so the reason its last audit failed is passed on.
    /// </summary>
    internal static async Task AuditAsync(ComputeResourceManager manager, CancellationToken cancellationToken)
    {
        await manager.UpdateAvailableResourceAsync(cancellationToken).ConfigureAwait(false);
        foreach (var tracker in manager.Trackers.Values.Where(t => t.ComputeNode is null))
        {
            if (tracker.LastAudit?.Error is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }
        }
    }

    private static IHost BuildHost(ReportSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. settings.ConfigurationArguments],
            ContentRootPath = AppContext.BaseDirectory,
        });
        var configuration = builder.Configuration;
        var nova = builder.Services
            .AddNovaResources(configuration.GetSection("Nova"))
            .AddLibvirtDriver(options =>
            {
                configuration.GetSection("Libvirt").Bind(options);
                options.ConnectionUri = settings.ConnectionUri ?? configuration["Libvirt:ConnectionUri"] ?? DefaultUri;
            });
        if (!string.IsNullOrEmpty(configuration["Placement:Endpoint"]))
        {
            // Each audit's record goes to Placement as the node's resource provider.
            nova.AddPlacement(configuration.GetSection("Placement"));
        }

        if (!string.IsNullOrWhiteSpace(configuration["PostgreSql:ConnectionString"]))
        {
            // Every host's records in one shared database: the cluster view then shows them all.
            builder.Services.AddNovaResourcesPostgreSqlStore(configuration.GetSection("PostgreSql"));
        }

        return builder.Build();
    }

    private static TimeSpan WatchInterval(ComputeResourceOptions options)
        => options.UpdateResourcesInterval > TimeSpan.Zero ? options.UpdateResourcesInterval : TimeSpan.FromSeconds(60);

}
