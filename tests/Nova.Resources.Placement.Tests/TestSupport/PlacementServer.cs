using System.Diagnostics;

namespace Nova.Resources.Placement.Tests.TestSupport;

/// <summary>
/// A real Placement API process started and stopped by the project's own script (tests/services/placement.sh), in a
/// directory of its own; started again in the same directory it keeps its port and database.
/// </summary>
internal sealed class PlacementServer : IAsyncDisposable
{
    private PlacementServer(string directory, Uri endpoint)
    {
        Directory = directory;
        Endpoint = endpoint;
    }

    public string Directory { get; }

    public Uri Endpoint { get; }

    /// <summary>Starts Placement in a new directory under the temp folder, on sqlite unless a database URL is given.</summary>
    public static async Task<PlacementServer> StartAsync(string? databaseUrl = null)
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("nova-placement-test.").FullName;
        string endpoint = await RunScriptAsync("start", directory, databaseUrl);
        return new PlacementServer(directory, new Uri(endpoint.Trim()));
    }

    public Task StartAgainAsync() => RunScriptAsync("start", Directory, null);

    public Task StopAsync() => RunScriptAsync("stop", Directory, null);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Runs a script of tests/services and returns what it printed.</summary>
    public static async Task<string> RunScriptAsync(string command, string directory, string? extra, string script = "placement.sh")
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "tests", "services", script));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);
        if (extra is not null)
        {
            start.ArgumentList.Add(extra);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {command} {directory} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }

    /// <summary>The checkout this test assembly was built from (the folder holding Nova.Resources.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nova.Resources.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Nova.Resources.sln not found above " + AppContext.BaseDirectory);
    }
}
