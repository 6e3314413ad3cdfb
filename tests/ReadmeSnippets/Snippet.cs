namespace Nova.Resources.ReadmeSnippets;

/// <summary>One C# block of a markdown file, with what the set-up block above it asks for.</summary>
/// <param name="Id">A stable name for test output: the file and the block's position (<c>README.md#2</c>).</param>
/// <param name="Line">The line of the block's opening fence (1-based).</param>
/// <param name="ProjectName">The name given to <c>dotnet new ... -n</c>.</param>
/// <param name="Template"><c>console</c> or <c>xunit</c>.</param>
/// <param name="Packages">The packages the <c>dotnet add package</c> lines name, in order.</param>
/// <param name="Code">The C# text.</param>
/// <param name="ExpectedOutput">The lines of a <c>text</c> block right after the code, if any; <c>&lt;...&gt;</c> matches anything.</param>
internal sealed record Snippet(
    string Id,
    int Line,
    string ProjectName,
    string Template,
    IReadOnlyList<string> Packages,
    string Code,
    IReadOnlyList<string> ExpectedOutput);
