using System.Text.RegularExpressions;

namespace Nova.Resources.ReadmeSnippets;

/// <summary>
/// Reads the C# blocks of a markdown file. Each must come after a <c>bash</c> block that makes the project
/// (<c>dotnet new console|xunit -n Name</c>) and adds its packages (<c>dotnet add package Id</c>); that block
/// applies to every C# block up to the next one. A <c>text</c> block right after a C# block is what it prints.
/// </summary>
internal static partial class MarkdownSnippets
{
    public static IReadOnlyList<Snippet> Parse(string markdown, string fileName)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var blocks = ReadFencedBlocks(markdown);
        var snippets = new List<Snippet>();
        (string Name, string Template, List<string> Packages)? setup = null;
        for (int i = 0; i < blocks.Count; i++)
        {
            var (language, line, text) = blocks[i];
            if (language == "bash" && NewProject().Match(text) is { Success: true } created)
            {
                setup = (created.Groups["name"].Value, created.Groups["template"].Value,
                    [.. AddPackage().Matches(text).Select(m => m.Groups["id"].Value)]);
                continue;
            }

            if (language != "csharp")
            {
                continue;
            }

            if (setup is not { } project)
            {
                throw new FormatException(
                    $"{fileName}:{line}: this C# block has no set-up block above it: write a ```bash block with "
                    + "'dotnet new console -n Name' (or xunit) and the 'dotnet add package' lines it needs.");
            }

            IReadOnlyList<string> expected = i + 1 < blocks.Count && blocks[i + 1].Language == "text"
                ? blocks[i + 1].Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                : [];
            snippets.Add(new Snippet($"{fileName}#{snippets.Count + 1}", line, project.Name, project.Template, project.Packages, text, expected));
        }

        return snippets;
    }

    /// <summary>Whether <paramref name="actual"/> shows every expected line, in order; <c>&lt;...&gt;</c> in an expected line matches anything.</summary>
    public static bool ShowsInOrder(IReadOnlyList<string> expected, string actual)
    {
        var lines = actual.ReplaceLineEndings("\n").Split('\n');
        int at = 0;
        foreach (string wanted in expected)
        {
            var pattern = new Regex("^" + string.Join(".+", Placeholder().Split(wanted).Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);
            while (at < lines.Length && !pattern.IsMatch(lines[at].TrimEnd()))
            {
                at++;
            }

            if (at++ >= lines.Length)
            {
                return false;
            }
        }

        return true;
    }

    private static List<(string Language, int Line, string Text)> ReadFencedBlocks(string markdown)
    {
        var blocks = new List<(string, int, string)>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            string language = lines[i][3..].Trim();
            int start = i + 1;
            int end = start;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            blocks.Add((language, i + 1, string.Join('\n', lines[start..Math.Min(end, lines.Length)])));
            i = end;
        }

        return blocks;
    }

    [GeneratedRegex(@"^\s*dotnet new (?<template>console|xunit) -n (?<name>[A-Za-z][A-Za-z0-9.]*)", RegexOptions.Multiline)]
    private static partial Regex NewProject();

    [GeneratedRegex(@"^\s*dotnet add package (?<id>[A-Za-z0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex AddPackage();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Placeholder();
}
