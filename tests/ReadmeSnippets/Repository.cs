using System.Xml.Linq;

namespace Nova.Resources.ReadmeSnippets;

/// <summary>Where the repository, its packed packages and its pinned package versions are.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The folder tests/run.sh packs into (<c>NOVA_PACKAGES</c> overrides it).</summary>
    public static string Packages => Environment.GetEnvironmentVariable("NOVA_PACKAGES") is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.Combine(Root, "artifacts", "packages");

    /// <summary>The packages, each with its own README for the package page.</summary>
    public static IReadOnlyList<string> PackageIds =>
        [.. Directory.GetDirectories(Path.Combine(Root, "src"))
            .Where(d => File.Exists(Path.Combine(d, "README.md")) && File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The markdown files whose C# blocks a user copies and this test runs: the repository README and the package READMEs
    /// whose examples run against libvirt's test driver alone (the PostgreSQL and Placement packages' examples need their
    /// servers; the repository README's examples of both run).
    /// </summary>
    public static IReadOnlyList<string> MarkdownFiles =>
        [Path.Combine(Root, "README.md"), .. PackageIds.Where(id => id is not ("Nova.Resources.PostgreSql" or "Nova.Resources.Placement")).Select(id => Path.Combine(Root, "src", id, "README.md"))];

    /// <summary>The version of a package: ours as packed, any other as Directory.Packages.props pins it.</summary>
    public static string VersionOf(string packageId)
    {
        if (packageId.StartsWith("Nova.Resources", StringComparison.Ordinal))
        {
            var packed = Directory.Exists(Packages)
                ? Directory.GetFiles(Packages, packageId + ".*.nupkg")
                    .Select(p => Path.GetFileNameWithoutExtension(p)[(packageId.Length + 1)..])
                    .FirstOrDefault(v => v.Length > 0 && char.IsAsciiDigit(v[0]))
                : null;
            return packed ?? throw new InvalidOperationException(
                $"Package {packageId} is not in {Packages}: pack it first (tests/run.sh packs every package before this test).");
        }

        var pinned = XDocument.Load(Path.Combine(Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .FirstOrDefault(e => string.Equals((string?)e.Attribute("Include"), packageId, StringComparison.OrdinalIgnoreCase));
        return (string?)pinned?.Attribute("Version") ?? throw new InvalidOperationException(
            $"Package {packageId} is not pinned in Directory.Packages.props: add it there so the README's snippets build with a known version.");
    }

    /// <summary>Relative path of <paramref name="path"/> from the repository root, with forward slashes.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nova.Resources.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Nova.Resources.sln above {AppContext.BaseDirectory}.");
    }
}
