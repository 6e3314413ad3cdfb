namespace Nova.Resources.ReadmeSnippets;

/// <summary>Every C# block of the READMEs compiles and runs as a user copies it, and prints what the README says.</summary>
public sealed class ReadmeSnippetTests
{
    public static TheoryData<string> Snippets()
    {
        var data = new TheoryData<string>();
        foreach (var snippet in All())
        {
            data.Add(snippet.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task Snippet_AsAUserCopiesIt_BuildsRunsAndPrintsWhatTheReadmeSays(string id)
    {
        var snippet = All().Single(s => s.Id == id);
        var project = SnippetProject.Create(snippet);

        var (exitCode, output) = await project.BuildAndRunAsync();

        exitCode.Should().Be(0, $"the block at {snippet.Id} (line {snippet.Line}) must build and run in {project.Directory}:\n{output}");
        MarkdownSnippets.ShowsInOrder(snippet.ExpectedOutput, output).Should().BeTrue(
            $"the block at {snippet.Id} (line {snippet.Line}) must print, in order:\n{string.Join('\n', snippet.ExpectedOutput)}\nIt printed:\n{output}");
    }

    [Fact]
    public void Readme_EveryCSharpBlock_IsTested()
    {
        int blocks = Repository.MarkdownFiles.Sum(f => File.ReadAllLines(f).Count(l => l.StartsWith("```csharp", StringComparison.Ordinal)));

        All().Should().HaveCount(blocks).And.HaveCountGreaterThanOrEqualTo(4);
    }

    private static IEnumerable<Snippet> All() =>
        Repository.MarkdownFiles.SelectMany(f => MarkdownSnippets.Parse(File.ReadAllText(f), Repository.Relative(f)));
}
