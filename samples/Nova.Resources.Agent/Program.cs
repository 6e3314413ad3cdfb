using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nova.Resources.Agent;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

// nova-agent: a simulated compute host. Nova.Resources' audit runs as in a real agent, over the fake driver sized by
// the Agent section, and writes its records to the shared store (PostgreSql:ConnectionString).
var builder = Host.CreateApplicationBuilder(args);
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
    builder.Services.AddHostedService(sp => new RecordRemover(
        sp.GetRequiredService<IComputeNodeStore>(), host, sp.GetRequiredService<ILogger<RecordRemover>>()));
}

var nova = builder.Services
    .AddNovaResources(builder.Configuration.GetSection("Nova"))
    .AddComputeDriver(driver);
nova.Services.PostConfigure<Nova.Resources.ComputeResourceOptions>(o => o.Host = host);
AgentStore.Add(nova, builder.Configuration);

using var app = builder.Build();
await app.RunAsync().ConfigureAwait(false);
