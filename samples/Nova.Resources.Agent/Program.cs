using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nova.Resources.Agent;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;

// nova-agent: a simulated compute host. Nova.Resources' audit runs as in a real agent, over the fake driver sized by
// the Agent section, and writes its records to the shared store (PostgreSql:ConnectionString).
// appsettings.json is read from beside the program, whatever the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var agent = builder.Configuration.GetSection("Agent").Get<AgentOptions>() ?? new AgentOptions();
agent.Validate();
string host = builder.Configuration["Nova:Host"] is { Length: > 0 } configured ? configured : Dns.GetHostName();

var driver = new FakeComputeDriver();
string[] nodes = agent.NodeNames(host);
driver.SetNodes(nodes);
foreach (var node in nodes)
{
    driver.SetResources(node, FakeComputeDriver.CreateResources(node) with
    {
        Vcpus = agent.Vcpus,
        MemoryMb = agent.MemoryMb,
        LocalGb = agent.LocalGb,
        DiskAvailableLeast = agent.LocalGb,
    });
}

if (agent.DeleteRecordsOnStop)
{
    builder.Services.AddHostedService(sp => new Decommission(driver, sp.GetRequiredService<ComputeResourceManager>()));
}

var nova = builder.Services
    .AddNovaResources(builder.Configuration.GetSection("Nova"))
    .AddComputeDriver(driver);
nova.Services.PostConfigure<Nova.Resources.ComputeResourceOptions>(o => o.Host = host);
AgentStore.Add(nova, builder.Configuration);
builder.Services.AddHostedService(sp => new StartingInstances(
    sp.GetRequiredService<ComputeResourceManager>(), agent, host, sp.GetRequiredService<ILogger<StartingInstances>>()));

using var app = builder.Build();
await app.RunAsync().ConfigureAwait(false);
