using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;

namespace Nova.Resources.ReadmeSnippets;

/// <summary>
/// The project a user makes for a snippet: what <c>dotnet new console|xunit</c> and the <c>dotnet add package</c>
/// lines produce (with versions pinned: ours as packed, the rest as Directory.Packages.props has them), built with
/// warnings as errors and run, outside the repository's build settings.
/// </summary>
internal sealed class SnippetProject
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

    private SnippetProject(string directory, Snippet snippet)
    {
        Directory = directory;
        Snippet = snippet;
    }

    public string Directory { get; }

    public Snippet Snippet { get; }

    public static SnippetProject Create(Snippet snippet)
    {
        string root = Path.Combine(Repository.Root, "artifacts", "readme-snippets");
        string directory = Path.Combine(root, snippet.Id.Replace('#', '-').Replace('/', '-') + "-" + snippet.ProjectName);
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        System.IO.Directory.CreateDirectory(directory);

        // Stop MSBuild and the analyzers from reading the repository's settings (central versions, code style): a user's project has none.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, ".editorconfig"), "root = true\n");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), NuGetConfig());
        File.WriteAllText(Path.Combine(directory, snippet.ProjectName + ".csproj"), ProjectFile(snippet));
        File.WriteAllText(Path.Combine(directory, snippet.Template == "xunit" ? "SnippetTests.cs" : "Program.cs"), snippet.Code + "\n");
        return new SnippetProject(directory, snippet);
    }

    /// <summary>Builds the project, then runs it (<c>dotnet test</c> for an xunit project).</summary>
    public async Task<(int ExitCode, string Output)> BuildAndRunAsync()
    {
        var build = await DotnetAsync("build", "-c", "Release", "-nologo", "-v", "quiet").ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            return (build.ExitCode, "dotnet build failed:\n" + build.Output);
        }

        return Snippet.Template == "xunit"
            ? await DotnetAsync("test", "-c", "Release", "--no-build", "-nologo").ConfigureAwait(false)
            : await DotnetAsync(Path.Combine("bin", "Release", "net10.0", Snippet.ProjectName + ".dll")).ConfigureAwait(false);
    }

    private async Task<(int ExitCode, string Output)> DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under `dotnet test`, whose MSBuild settings must not leak into the user's build.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        // A snippet that uses the PostgreSQL store gets the throwaway server tests/run.sh started.
        if (Environment.GetEnvironmentVariable("NOVA_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            start.Environment["PostgreSql__ConnectionString"] = postgres;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            output.AppendLine(CultureInfo.InvariantCulture, $"dotnet {string.Join(' ', arguments)} did not finish within {HangGuard} and was killed.");
        }

        output.Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false));
        return (process.ExitCode, output.ToString());
    }

    private static string NuGetConfig() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="nova-local" value="{SecurityElement.Escape(Repository.Packages)}" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="nova-local">
              <package pattern="Nova.Resources" />
              <package pattern="Nova.Resources.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    private static string ProjectFile(Snippet snippet)
    {
        bool xunit = snippet.Template == "xunit";
        IEnumerable<string> packages = xunit
            ? ["Microsoft.NET.Test.Sdk", "xunit", "xunit.runner.visualstudio", .. snippet.Packages]
            : snippet.Packages;
        var project = new StringBuilder()
            .AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">")
            .AppendLine("  <PropertyGroup>")
            .AppendLine(xunit ? "    <IsPackable>false</IsPackable>" : "    <OutputType>Exe</OutputType>")
            .AppendLine("    <TargetFramework>net10.0</TargetFramework>")
            .AppendLine("    <ImplicitUsings>enable</ImplicitUsings>")
            .AppendLine("    <Nullable>enable</Nullable>")
            .AppendLine("    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>")
            .AppendLine("    <WarningsNotAsErrors>NU1603;NU1900;NU1901;NU1902;NU1903;NU1904</WarningsNotAsErrors>")
            .AppendLine("  </PropertyGroup>")
            .AppendLine("  <ItemGroup>");
        foreach (string id in packages)
        {
            project.AppendLine(CultureInfo.InvariantCulture, $"    <PackageReference Include=\"{id}\" Version=\"{Repository.VersionOf(id)}\" />");
        }

        if (xunit)
        {
            project.AppendLine("    <Using Include=\"Xunit\" />");
        }

        return project.AppendLine("  </ItemGroup>").AppendLine("</Project>").ToString();
    }
}
