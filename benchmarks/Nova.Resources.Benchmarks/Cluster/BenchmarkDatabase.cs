using System.Diagnostics;
using Npgsql;

namespace Nova.Resources.Benchmarks.Cluster;

/// <summary>
/// A fresh database for one benchmark: on the server <c>NOVA_TEST_POSTGRES</c> names (a superuser connection string, as
/// tests/run.sh exports), or on a throwaway cluster started here with tests/services/postgres.sh and stopped at the end.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;
    private readonly string? _clusterDirectory;

    private BenchmarkDatabase(string admin, string name, string? clusterDirectory)
    {
        _admin = admin;
        _name = name;
        _clusterDirectory = clusterDirectory;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<BenchmarkDatabase> CreateAsync(string purpose)
    {
        string? admin = Environment.GetEnvironmentVariable("NOVA_TEST_POSTGRES");
        string? cluster = null;
        if (string.IsNullOrWhiteSpace(admin))
        {
            cluster = Directory.CreateTempSubdirectory("nova-bench-pg.").FullName;
            await RunAsync("start", cluster);
            admin = (await RunAsync("url", cluster)).Trim();
        }

        string name = $"bench_{purpose}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new BenchmarkDatabase(admin, name, cluster);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterDirectory is not null)
        {
            await RunAsync("stop", _clusterDirectory);
            return;
        }

        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> RunAsync(string command, string directory)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tests", "services", "postgres.sh"));
        info.ArgumentList.Add(command);
        info.ArgumentList.Add(directory);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"postgres.sh {command} failed ({process.ExitCode}): {await error}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nova.Resources.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Nova.Resources.sln above {AppContext.BaseDirectory}: run the benchmarks from the checkout.");
    }
}
