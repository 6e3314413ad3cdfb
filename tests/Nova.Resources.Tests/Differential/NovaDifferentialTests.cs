using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nova.Resources;

namespace Nova.Resources.Tests.Differential;

/// <summary>
/// Runs thousands of seeded random ASCII specs through Nova's own <c>parse_cpu_spec</c> (Debian's python3-nova,
/// one <c>/usr/bin/python3</c> process) and through <see cref="CpuSet.Parse(string)"/>, and requires the same set or
/// the same message for every spec.
/// </summary>
public sealed partial class NovaDifferentialTests
{
    private const string Python = "/usr/bin/python3";
    private const string Package = "python3-nova";

    // No '_' (Python's int() digit groups) and no U+001C..U+001F (Python whitespace): documented differences.
    private static readonly string[] Tokens =
    [
        "0", "1", "2", "3", "7", "8", "15", "31", "63", "64", "65", "127", "128", "200", "007", "00",
        ",", ",", ",", ",", "-", "-", "-", "^", "^", "+", " ", " ", "  ", "\t", "\n", "\v", "\f", "\r",
        "a", "x", "e", "Z", ".", "'", "\"", "\\", "#", "--", ",,", "^^", "0x1", "\u0001", "\u007f",
    ];

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] EdgeSpecs =
    [
        "", " ", ",", "-", "^", "+", "^-", "-^", "+-+", "0--0", "0- -0", "1--3", "-1", "-0", "+3", "^+3", "+1-+3",
        "1-+3", "^ 3", "^ 3-4", "1 2", "1-", "^x", "1-2-3", "^-3", "^^1", "+ 3", "- 1", "1 - 3", "1\n-\n3",
        "^5,5", "0-3,^1-2,1", "1,^2", "1-3,5,^2", ", ,   1 ,  ,,  2,    ,", "it's", "\"q\"", "it's \"q\"", "a\\b",
        "\t1\t", "\v\f1\r\n", "0-65535,^1-65535", "65535", "00000000000000000065535",
    ];

    [Fact]
    public void ParseCpuSpec_RandomAsciiSpecs_MatchNovaExactly()
    {
        List<string> specs = [.. EdgeSpecs, .. GenerateSpecs(seed: 20260602, count: 6000)];

        IReadOnlyList<string> nova = RunNova(specs);

        nova.Should().HaveCount(specs.Count);
        var mismatches = new List<string>();
        for (int i = 0; i < specs.Count; i++)
        {
            string ours = Describe(specs[i]);
            if (ours != nova[i])
            {
                mismatches.Add($"spec {Json(specs[i])}: Nova {Json(nova[i])}, ours {Json(ours)}");
            }
        }

        mismatches.Should().BeEmpty($"{mismatches.Count} of {specs.Count} specs differ from Nova; the first: {string.Join("; ", mismatches.Take(20))}");
        nova.Count(r => r.StartsWith("Invalid: ", StringComparison.Ordinal)).Should().BeInRange(specs.Count / 5, specs.Count * 4 / 5, "the generator must give both valid and invalid specs");
    }

    private static string Json(string value) => JsonSerializer.Serialize(value, Readable);

    private static string Describe(string spec)
    {
        try
        {
            return string.Join(',', CpuSet.Parse(spec));
        }
        catch (CpuSpecFormatException error)
        {
            return "Invalid: " + error.Message;
        }
    }

    private static List<string> GenerateSpecs(int seed, int count)
    {
        var random = new Random(seed);
        var specs = new List<string>(count);
        var builder = new StringBuilder();
        while (specs.Count < count)
        {
            builder.Clear();
            if (random.Next(3) != 0)
            {
                // Rule-shaped: mostly valid rules with whitespace and the odd defect.
                int rules = random.Next(1, 7);
                for (int r = 0; r < rules; r++)
                {
                    if (r > 0)
                    {
                        builder.Append(',');
                    }

                    builder.Append(Pick(random, " ", "", "", "\t"));
                    builder.Append(Pick(random, "", "", "", "^", "+", "^ ", "^+"));
                    builder.Append(random.Next(0, 130).ToString(CultureInfo.InvariantCulture));
                    if (random.Next(2) == 0)
                    {
                        builder.Append(Pick(random, "-", " - ", "-", "--", "- +", "-+", "-\t"));
                        builder.Append(random.Next(0, 200).ToString(CultureInfo.InvariantCulture));
                    }

                    builder.Append(random.Next(8) == 0 ? Pick(random, "x", "^", "-", "+", "\"", "'") : Pick(random, "", " ", "\n"));
                }
            }
            else
            {
                int tokens = random.Next(1, 12);
                for (int t = 0; t < tokens; t++)
                {
                    builder.Append(Tokens[random.Next(Tokens.Length)]);
                }
            }

            string spec = builder.ToString();
            if (DigitRun().Matches(spec).All(m => m.Value.TrimStart('0').Length <= 4))
            {
                specs.Add(spec); // ids stay below CpuSet.MaxCpuId, so both sides agree on the grammar alone
            }
        }

        return specs;
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static List<string> RunNova(List<string> specs)
    {
        File.Exists(Python).Should().BeTrue(
            $"the differential test runs Nova's parse_cpu_spec with {Python}; install the Debian package {Package} (apt-get install {Package}, or run tests/run.sh as root)");
        string script = Path.Combine(AppContext.BaseDirectory, "Differential", "nova_parse.py");
        File.Exists(script).Should().BeTrue($"{script} is copied next to the tests");

        string input = Path.Combine(Path.GetTempPath(), $"nova-cpu-specs-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllLines(input, specs.Select(s => JsonSerializer.Serialize(s)));
            var start = new ProcessStartInfo(Python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(input);
            start.Environment["PYTHONIOENCODING"] = "utf-8";

            using var process = Process.Start(start)!;
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            var lines = new List<string>(specs.Count);
            while (process.StandardOutput.ReadLine() is { } line)
            {
                lines.Add(JsonSerializer.Deserialize<string>(line)!);
            }

            process.WaitForExit(120_000).Should().BeTrue("Nova's parser must finish");
            process.ExitCode.Should().Be(0,
                $"{Python} must run Nova's parse_cpu_spec (Debian package {Package}); stderr: {stderr.Result}");
            return lines;
        }
        finally
        {
            File.Delete(input);
        }
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitRun();
}
