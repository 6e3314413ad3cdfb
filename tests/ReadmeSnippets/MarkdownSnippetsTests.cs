namespace Nova.Resources.ReadmeSnippets;

public sealed class MarkdownSnippetsTests
{
    [Fact]
    public void Parse_SetUpBlockThenCode_GivesTheProjectPackagesAndExpectedOutput()
    {
        const string Markdown = """
            ```bash
            dotnet new console -n Demo && cd Demo
            dotnet add package Nova.Resources
            dotnet add package Microsoft.Extensions.Hosting   # a comment
            ```

            ```csharp
            Console.WriteLine(1);
            ```

            ```text
            1
            ```
            """;

        var snippet = MarkdownSnippets.Parse(Markdown, "X.md").Should().ContainSingle().Subject;

        snippet.Should().BeEquivalentTo(new Snippet("X.md#1", 7, "Demo", "console", ["Nova.Resources", "Microsoft.Extensions.Hosting"], "Console.WriteLine(1);", ["1"]));
    }

    [Fact]
    public void Parse_CodeWithoutSetUpBlock_NamesTheLineAndWhatToWrite()
    {
        var act = () => MarkdownSnippets.Parse("```bash\ndotnet add package Nova.Resources\n```\n\n```csharp\nvar x = 1;\n```\n", "X.md");

        act.Should().Throw<FormatException>().WithMessage("X.md:5: this C# block has no set-up block above it*dotnet add package*");
    }

    [Theory]
    [InlineData("vm: 512 MiB free of 3072", true)]
    [InlineData("vm: 512 MiB free of 3072   ", true)]
    [InlineData("vm:  MiB free of ", false)]
    [InlineData("vm: 256 MiB free of 3072", false)]
    public void ShowsInOrder_Placeholder_MatchesAnyText(string printed, bool expected)
    {
        MarkdownSnippets.ShowsInOrder(["<hostname>: 512 MiB free of 3072"], "info: log line\n" + printed + "\n").Should().Be(expected);
    }

    [Fact]
    public void ShowsInOrder_LinesOutOfOrder_IsFalse()
    {
        MarkdownSnippets.ShowsInOrder(["a", "b"], "b\na\n").Should().BeFalse();
        MarkdownSnippets.ShowsInOrder(["a", "b"], "a\nx\nb\n").Should().BeTrue();
    }
}
