using System.Diagnostics;

namespace Nova.Resources.PostgreSql.Tests.Fixtures;

/// <summary>A throwaway PostgreSQL cluster run by the project's tests/services/postgres.sh: start, crash, restart, stop.</summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _directory;
    private bool _started;

    private PostgresCluster(string script, string directory)
    {
        _script = script;
        _directory = directory;
    }

    /// <summary>Gets the superuser's connection string to the database <c>postgres</c>.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public static async Task<PostgresCluster> StartAsync()
    {
        var cluster = new PostgresCluster(FindScript(), Directory.CreateTempSubdirectory("nova-pg-test.").FullName);
        await cluster.RunAsync("start");
        cluster._started = true;
        cluster.ConnectionString = (await cluster.RunAsync("url")).Trim();
        return cluster;
    }

    /// <summary>Stops the server at once, as a crash (<c>pg_ctl stop -m immediate</c>), keeping its data and port.</summary>
    public Task KillAsync() => RunAsync("kill");

    /// <summary>Starts the server again on the same port; PostgreSQL recovers from its log first.</summary>
    public Task RestartAsync() => RunAsync("restart");

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            _started = false;
            await RunAsync("stop");
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "services", "postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/services/postgres.sh not found above " + AppContext.BaseDirectory);
    }

    private async Task<string> RunAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(_script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(_directory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"postgres.sh {command} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }
}
