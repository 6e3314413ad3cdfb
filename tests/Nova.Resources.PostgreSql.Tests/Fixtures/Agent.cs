using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.PostgreSql.Tests.Fixtures;

/// <summary>A compute host as a user runs one: a generic host with the fake driver, the audit and the PostgreSQL store.</summary>
public sealed class Agent : IAsyncDisposable
{
    private Agent(IHost host, FakeComputeDriver driver, FakeLogCollector logs)
    {
        Host = host;
        Driver = driver;
        Logs = logs;
    }

    public IHost Host { get; }

    public FakeComputeDriver Driver { get; }

    public FakeLogCollector Logs { get; }

    public ComputeResourceManager Manager => Host.Services.GetRequiredService<ComputeResourceManager>();

    public IComputeNodeStore Store => Host.Services.GetRequiredService<IComputeNodeStore>();

    public IInstanceLedger Ledger => Host.Services.GetRequiredService<IInstanceLedger>();

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Builds (without starting) an agent for <paramref name="hostName"/>; no periodic audit, so tests audit by hand. With
    /// <paramref name="recordAudits"/>, it records every audit in <c>nova_resources_audits</c>.
    /// </summary>
    public static Agent Create(string connectionString, string hostName, FakeComputeDriver? driver = null, TimeProvider? time = null, bool recordAudits = false)
    {
        driver ??= new FakeComputeDriver();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(time ?? NewClock());
        var nova = builder.Services
            .AddNovaResources(options =>
            {
                options.Host = hostName;
                options.MyIp = "192.0.2.10";
                options.UpdateResourcesInterval = TimeSpan.FromSeconds(-1);
            })
            .AddComputeDriver(driver)
            .AddPostgreSqlStore(connectionString);
        if (recordAudits)
        {
            nova.AddPostgreSqlAuditRecords();
        }

        var host = builder.Build();
        return new Agent(host, driver, host.Services.GetFakeLogCollector());
    }

    /// <summary>Builds and starts an agent: the schema is made current and the start-up audit runs.</summary>
    public static async Task<Agent> StartAsync(string connectionString, string hostName, FakeComputeDriver? driver = null, TimeProvider? time = null, bool recordAudits = false)
    {
        var agent = Create(connectionString, hostName, driver, time, recordAudits);
        await agent.Host.StartAsync();
        return agent;
    }

    public ResourceTracker Tracker(string node = FakeComputeDriver.DefaultNodeName) => Manager.GetTracker(node);

    public Task AuditAsync() => Manager.UpdateAvailableResourceAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
