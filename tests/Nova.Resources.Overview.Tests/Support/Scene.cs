using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Tracking;

namespace Nova.Resources.Overview.Tests.Support;

/// <summary>
/// The overview scene as processes: a throwaway PostgreSQL (tests/services/postgres.sh), simulated hosts (the nova-agent
/// sample) and the overview app, each stopped by its PID when the scene is disposed.
/// </summary>
internal sealed partial class Scene : IAsyncDisposable
{
    private readonly Dictionary<string, ChildProcess> _agents = new(StringComparer.Ordinal);
    private ChildProcess? _overview;
    private ServiceProvider? _storeServices;

    private Scene(string directory, string connectionString)
    {
        Directory = directory;
        ConnectionString = connectionString;
    }

    public string Directory { get; }

    public string ConnectionString { get; }

    public Uri? OverviewAddress { get; private set; }

    /// <summary>The store the hosts write, read in this process (what the page should show).</summary>
    public IComputeNodeStore Store
    {
        get
        {
            _storeServices ??= new ServiceCollection().AddNovaResourcesPostgreSqlStore(ConnectionString).BuildServiceProvider();
            return _storeServices.GetRequiredService<IComputeNodeStore>();
        }
    }

    public static async Task<Scene> StartAsync(string name)
    {
        string directory = System.IO.Directory.CreateTempSubdirectory($"nova-overview-{name}.").FullName;
        string pg = System.IO.Path.Combine(directory, "pg");
        string script = Repository.Path("tests", "services", "postgres.sh");
        await ChildProcess.RunAsync("bash", [script, "start", pg], System.IO.Path.Combine(directory, "postgres-start.log"), TimeSpan.FromMinutes(5));
        string url = (await ChildProcess.RunAsync("bash", [script, "url", pg], System.IO.Path.Combine(directory, "postgres-url.log"), TimeSpan.FromMinutes(1))).Trim();
        return new Scene(directory, url);
    }

    /// <summary>Starts a simulated host: the agent sample with the fake driver at this size, auditing every 2 s.</summary>
    public void StartAgent(string host, int vcpus, long memoryMb, long localGb, int instances = 0)
    {
        string[] arguments =
        [
            Repository.Sample("Nova.Resources.Agent", "nova-agent"),
            $"--Nova:Host={host}",
            "--Nova:UpdateResourcesInterval=00:00:02",
            $"--Agent:Vcpus={vcpus}",
            string.Create(CultureInfo.InvariantCulture, $"--Agent:MemoryMb={memoryMb}"),
            string.Create(CultureInfo.InvariantCulture, $"--Agent:LocalGb={localGb}"),
            $"--Agent:Instances={instances}",
            $"--PostgreSql:ConnectionString={ConnectionString}",
        ];
        _agents.Add(host, ChildProcess.Start("dotnet", arguments, System.IO.Path.Combine(Directory, host + ".log")));
    }

    /// <summary>Stops a host as an operator does (SIGTERM): its last audit finds no node and deletes its records.</summary>
    public async Task StopAgentAsync(string host)
    {
        var agent = _agents[host];
        int exitCode = await agent.StopAsync(TimeSpan.FromSeconds(60));
        exitCode.Should().Be(0, $"the agent stops cleanly on SIGTERM; its log:\n{agent.Output}");
        _agents.Remove(host);
        await agent.DisposeAsync();
    }

    /// <summary>Starts the overview on 127.0.0.1 and a port it picks, and waits until it says where it listens.</summary>
    public async Task<Uri> StartOverviewAsync(TimeSpan timeout)
    {
        string[] arguments =
        [
            Repository.Sample("Nova.Resources.Overview", "nova-overview"),
            "--urls", "http://127.0.0.1:0",
            "--Overview:RefreshInterval=00:00:01",
            $"--PostgreSql:ConnectionString={ConnectionString}",
        ];
        _overview = ChildProcess.Start("dotnet", arguments, System.IO.Path.Combine(Directory, "overview.log"));
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (ListeningOn().Match(_overview.Output) is { Success: true } match)
            {
                OverviewAddress = new Uri(match.Groups[1].Value + "/");
                return OverviewAddress;
            }

            if (_overview.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The overview did not say where it listens; its output:\n{_overview.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_overview is not null)
        {
            await _overview.StopAsync(TimeSpan.FromSeconds(30));
            await _overview.DisposeAsync();
        }

        foreach (var agent in _agents.Values)
        {
            await agent.StopAsync(TimeSpan.FromSeconds(30));
            await agent.DisposeAsync();
        }

        if (_storeServices is not null)
        {
            await _storeServices.DisposeAsync();
        }

        await ChildProcess.RunAsync(
            "bash",
            [Repository.Path("tests", "services", "postgres.sh"), "stop", System.IO.Path.Combine(Directory, "pg")],
            System.IO.Path.Combine(Directory, "postgres-stop.log"),
            TimeSpan.FromMinutes(2));
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
