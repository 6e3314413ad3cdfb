using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Nova.Resources.ReadmeSnippets;

/// <summary>Each packed package shows its own README on its package page, one that reads well there.</summary>
public sealed partial class PackageReadmeTests
{
    public static TheoryData<string> Packages() => [.. Repository.PackageIds];

    [Fact]
    public void Packages_EveryPackage_HasItsOwnReadme()
    {
        Repository.PackageIds.Should().Contain(["Nova.Resources", "Nova.Resources.Libvirt", "Nova.Resources.Testing"]);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Package_Readme_IsThePackagesOwn(string packageId)
    {
        string expected = File.ReadAllText(Path.Combine(Repository.Root, "src", packageId, "README.md"));
        using var package = ZipFile.OpenRead(Path.Combine(Repository.Packages, $"{packageId}.{Repository.VersionOf(packageId)}.nupkg"));

        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        nuspec.Descendants().Single(e => e.Name.LocalName == "readme").Value.Should().Be("README.md");
        using var reader = new StreamReader(package.GetEntry("README.md")!.Open());
        reader.ReadToEnd().Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void PackageReadme_WrittenForAPackagePage_HasNoRelativeLinksOrRepositoryCommands(string packageId)
    {
        string readme = File.ReadAllText(Path.Combine(Repository.Root, "src", packageId, "README.md"));

        RelativeLink().Matches(readme).Select(m => m.Value).Should().BeEmpty("a package page cannot resolve links into the repository");
        readme.Should().NotContain("tests/run.sh").And.NotContain("samples/", "a package user has no checkout");
        readme.Should().Contain($"dotnet add package {packageId}").And.Contain("```csharp").And.Contain("https://");
        readme.Split('\n').Length.Should().BeLessThan(80, "a package page README is short");
    }

    [GeneratedRegex(@"\]\((?!https?://)[^)]*\)")]
    private static partial Regex RelativeLink();
}
