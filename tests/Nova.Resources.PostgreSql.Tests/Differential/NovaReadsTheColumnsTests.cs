using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.PostgreSql.Tests.Fixtures;
using Nova.Resources.Tracking;

namespace Nova.Resources.PostgreSql.Tests.Differential;

/// <summary>Nova's own Python code (Debian's python3-nova) reads the JSON columns this store writes.</summary>
[Collection(PostgresGroup.Name)]
public sealed class NovaReadsTheColumnsTests(PostgresServer server)
{
    [Fact]
    public async Task CreateAsync_Record_NovaReadsItsJsonColumns()
    {
        string database = await server.DatabaseForAsync(nameof(NovaReadsTheColumnsTests));
        var services = new ServiceCollection();
        services.AddNovaResourcesPostgreSqlStore(database);
        await using var provider = services.BuildServiceProvider();
        var created = await provider.GetRequiredService<IComputeNodeStore>().CreateAsync(Records.Full());
        var row = (await Sql.RowsAsync(database, $"SELECT numa_topology, supported_instances, stats, cpu_info FROM compute_nodes WHERE id = {created.Id}")).Single();

        var seen = await ReadWithNovaAsync(JsonSerializer.Serialize(row));

        var cells = seen["cells"]!.AsArray();
        cells.Should().HaveCount(2);
        cells[0]!.ToJsonString().Should().Be("""{"id":0,"cpuset":[0,1,2,3,4,5,6,7,16,17,18,19,20,21,22,23],"pcpuset":[8,9,10,11,12,13,14,15],"memory":128000,"cpu_usage":0,"memory_usage":0,"pinned_cpus":[],"siblings":[[0,16],[1,17]],"mempages":[[4,32768000,100,0],[2048,1024,8,0]],"socket":null}""");
        cells[1]!.ToJsonString().Should().Be("""{"id":1,"cpuset":[24,25,26,27,28,29,30,31],"pcpuset":[],"memory":129000,"cpu_usage":0,"memory_usage":0,"pinned_cpus":[],"siblings":[],"mempages":[],"socket":null}""");
        seen["supported_instances"]!.ToJsonString().Should().Be("""[["x86_64","kvm","hvm"],["i686","qemu","hvm"]]""");
        seen["stats"]!.AsObject().Select(p => $"{p.Key}={p.Value}").Should().BeEquivalentTo(created.Stats.Select(p => $"{p.Key}={p.Value}"));
        seen["cpu_info"]!["topology"]!.ToJsonString().Should().Be("""{"cells":2,"sockets":2,"cores":16,"threads":2}""");
        seen["cpu_info"]!["features"]![3]!.GetValue<string>().Should().Be("naïve-quote\"\\");
    }

    private static async Task<JsonNode> ReadWithNovaAsync(string columns)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Differential", "nova_columns.py"));
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(columns);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await error);
        return JsonNode.Parse(await output)!;
    }
}
