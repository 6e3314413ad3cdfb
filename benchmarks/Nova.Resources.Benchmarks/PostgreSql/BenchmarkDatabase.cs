using System.Diagnostics;
using Npgsql;

namespace Nova.Resources.Benchmarks.PostgreSql;

/// <summary>
/// The PostgreSQL server the store benchmarks use: <c>NOVA_TEST_POSTGRES</c> (as tests/run.sh exports), else a throwaway
/// cluster of tests/services/postgres.sh, started once per process and stopped when the process exits.
/// </summary>
internal static class BenchmarkDatabase
{
    private static readonly Lazy<string> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string Create(string purpose)
    {
        string name = $"bench_{purpose}_{Guid.NewGuid():N}"[..40];
        using (var connection = new NpgsqlConnection(Server.Value))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(Server.Value) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="Create"/> made.</summary>
    public static void Drop(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        string name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using var connection = new NpgsqlConnection(Server.Value);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    public static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        command.ExecuteNonQuery();
    }

    private static string StartServer()
    {
        string? given = Environment.GetEnvironmentVariable("NOVA_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        string script = FindScript();
        string directory = Directory.CreateTempSubdirectory("nova-pg-bench.").FullName;
        Run(script, "start", directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(script, "stop", directory);
            Directory.Delete(directory, recursive: true);
        };
        return Run(script, "url", directory).Trim();
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

        throw new InvalidOperationException("Set NOVA_TEST_POSTGRES to a PostgreSQL superuser's connection string (tests/services/postgres.sh was not found).");
    }

    private static string Run(string script, string command, string directory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"postgres.sh {command} failed: {error}");
    }
}
