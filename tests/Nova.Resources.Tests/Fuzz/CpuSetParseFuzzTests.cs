using System.Text;
using Xunit.Abstractions;

namespace Nova.Resources.Tests.Fuzz;

/// <summary>
/// Seeded random and mutated specs through <see cref="CpuSet.Parse(string)"/>: every character class, lengths from
/// nothing to 1 MB. The only exception is <see cref="CpuSpecFormatException"/>; small inputs agree with a plain
/// reference model; large inputs allocate at most the result (valid) or a few copies of the offending rule (invalid).
/// Time is not asserted here: <c>CpuSetParseBenchmarks</c> shows it linear (benchmarks/README.md).
/// </summary>
public sealed class CpuSetParseFuzzTests(ITestOutputHelper output)
{
    /// <summary>The seeds; a failure message names the seed and the input, so any failure replays.</summary>
    private const int SmallSeed = 20_240_607;
    private const int LargeSeed = 7;
    private const int SmallInputs = 150_000;

    public static TheoryData<int> LargeSizes => new() { 1 << 10, 1 << 16, 1 << 20 };

    [Fact]
    public void Parse_RandomAndMutatedSmallInputs_AgreeWithReferenceModel()
    {
        var strings = new HostileStrings(SmallSeed);
        var mismatches = new List<string>();
        int valid = 0;
        for (int i = 0; i < SmallInputs && mismatches.Count < 10; i++)
        {
            string input = (i % 4) switch
            {
                0 => strings.RandomChars(strings.Next(24)),
                1 => strings.NearValidSpec(1 + strings.Next(6)),
                2 => strings.Mutate(strings.Seed()),
                _ => strings.Mutate(strings.NearValidSpec(1 + strings.Next(4))),
            };

            string? mismatch;
            try
            {
                mismatch = Compare(input);
            }
            catch (Exception e)
            {
                mismatch = $"unexpected {e.GetType().Name}: {e.Message}";
            }

            if (mismatch is not null)
            {
                mismatches.Add($"seed {SmallSeed} input #{i} {Escape(input)}: {mismatch}");
            }
            else if (CpuSet.TryParse(input, out _))
            {
                valid++;
            }
        }

        output.WriteLine($"{SmallInputs} inputs (seed {SmallSeed}), {valid} valid, agreeing with the model");
        mismatches.Should().BeEmpty();
        valid.Should().BeInRange(SmallInputs / 20, SmallInputs * 9 / 10, "the generators must give both valid and invalid specs");
    }

    [Theory]
    [MemberData(nameof(LargeSizes))]
    public void Parse_LargeHostileInputs_ThrowOnlyCpuSpecFormatExceptionAndAllocateBoundedMemory(int size)
    {
        var strings = new HostileStrings(LargeSeed + size);
        foreach (var (name, input) in LargeInputs(strings, size))
        {
            input.Length.Should().Be(size, name);

            // Warm up (JIT, the pool's per-thread buffer), then measure one parse on this thread.
            Outcome(input);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var (set, error) = Outcome(input);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            output.WriteLine($"{size,8} chars  {name,-30} {(error is null ? "valid" : "invalid"),-8} rule {error?.Rule.Length ?? 0,8} chars  allocated {allocated,9} B");

            if (error is null)
            {
                // Valid: only the result (at most 8 KiB of bitmap) is allocated, however long the input.
                allocated.Should().BeLessThan(16 * 1024, "{0} ({1} chars) is valid and must allocate only the result", name, size);
                set!.Where(cpu => cpu is < 0 or > CpuSet.MaxCpuId).Should().BeEmpty(name);
                CpuSet.Parse(set!.ToString()).Should().Equal(set, name);
            }
            else
            {
                // Invalid: the message quotes the rule (Python's repr: up to 10 chars per char), and the rule is kept.
                error.Offset.Should().BeInRange(0, input.Length - error.Rule.Length, name);
                input.AsSpan(error.Offset, error.Rule.Length).SequenceEqual(error.Rule).Should().BeTrue(name);
                allocated.Should().BeLessThan(
                    (64 * 1024) + (64L * error.Rule.Length),
                    "{0} ({1} chars, failing rule {2} chars) must allocate in proportion to the rule",
                    name,
                    size,
                    error.Rule.Length);
            }
        }
    }

    [Fact]
    public void Parse_LargeValidSpecs_GiveTheExpectedSets()
    {
        string everyId = string.Join(',', Enumerable.Range(0, 200_000).Select(i => i % (CpuSet.MaxCpuId + 1)));
        CpuSet.Parse(everyId).Should().HaveCount(CpuSet.MaxCpuId + 1);

        string exclusionsFirst = Repeat("^0-65535,", 1 << 20) + "0-65535";
        CpuSet.Parse(exclusionsFirst).Should().BeEmpty();

        string leadingZeros = new string('0', (1 << 20) - 1) + "7";
        CpuSet.Parse(leadingZeros).Should().Equal(7);

        string whitespace = new string(' ', 1 << 19) + "1-3" + new string('\t', 1 << 19);
        CpuSet.Parse(whitespace).Should().Equal(1, 2, 3);
    }

    [Theory]
    [InlineData(1 << 20, '9', "inclusion")]
    [InlineData(1 << 20, '-', "range")]
    [InlineData(1 << 20, '^', "exclusion")]
    [InlineData(1 << 20, '\0', "inclusion")]
    [InlineData(1 << 20, '\ud800', "inclusion")]
    public void Parse_MegabyteOfOneCharacter_ReportsTheWholeRule(int length, char c, string kind)
    {
        string input = new(c, length);

        var act = () => CpuSet.Parse(input);

        var error = act.Should().Throw<CpuSpecFormatException>().Which;
        error.Message.Should().StartWith($"Invalid {kind} expression ");
        error.Rule.Should().HaveLength(length);
        error.Offset.Should().Be(0);
    }

    /// <summary>The large inputs: random characters, mutated and repeated specs, and degenerate runs.</summary>
    private static IEnumerable<(string Name, string Input)> LargeInputs(HostileStrings strings, int size)
    {
        yield return ("random characters", strings.RandomChars(size));
        yield return ("random characters with commas", Fit(string.Join(',', Enumerable.Range(0, (size / 8) + 1).Select(_ => strings.RandomChars(7))), size));
        yield return ("repeated valid spec", Fit(Repeat("0-3,5,^2, 7 - 9 ,^8,", size), size));
        yield return ("repeated full ranges", Fit(Repeat("0-65535,^0-65535,", size), size));
        yield return ("repeated near-valid spec", Fit(Repeat(strings.NearValidSpec(8) + ",", size), size));
        yield return ("mutated repeated spec", MutateLarge(strings, Fit(Repeat("1-3,5,^2,", size), size)));
        yield return ("digits", Fit(Repeat("1234567890", size), size));
        yield return ("leading zeros", new string('0', size - 1) + "1");
        yield return ("commas", new string(',', size));
        yield return ("whitespace", Fit(Repeat(" \t\n\v\f\r", size), size));
        yield return ("dashes", new string('-', size));
        yield return ("carets", new string('^', size));
        yield return ("surrogate pairs", Fit(Repeat("\ud83d\ude00", size), size));
        yield return ("control characters", Fit(Repeat("\0\u0001\u001f\u007f", size), size));
    }

    /// <summary>A few random mutations at random places of a large input, keeping its length.</summary>
    private static string MutateLarge(HostileStrings strings, string input)
    {
        var chars = input.ToCharArray();
        for (int i = 0; i < 16; i++)
        {
            int at = strings.Next(chars.Length);
            string replacement = strings.Mutate(chars[at].ToString());
            chars[at] = replacement.Length > 0 ? replacement[0] : ',';
        }

        return new string(chars);
    }

    private static string Repeat(string unit, int atLeast)
    {
        var builder = new StringBuilder(atLeast + unit.Length);
        while (builder.Length < atLeast)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }

    private static string Fit(string s, int size) => s.Length >= size ? s[..size] : s.PadRight(size, ',');

    /// <summary>Runs Parse and classifies the result; any exception but <see cref="CpuSpecFormatException"/> fails the test.</summary>
    private static (CpuSet? Set, CpuSpecFormatException? Error) Outcome(string input)
    {
        try
        {
            return (CpuSet.Parse(input), null);
        }
        catch (CpuSpecFormatException e)
        {
            return (null, e);
        }
    }

    /// <summary>Compares every entry point with the model; returns a description of the first difference, or null.</summary>
    private static string? Compare(string input)
    {
        CpuSpecReferenceModel.Outcome expected = CpuSpecReferenceModel.Parse(input);
        (CpuSet? set, CpuSpecFormatException? error) = Outcome(input);
        bool tried = CpuSet.TryParse(input, out CpuSet? viaTry);
        bool triedSpan = CpuSet.TryParse(input.AsSpan(), out CpuSet? viaSpan);
        if (tried != (set is not null) || triedSpan != tried || !Equals(viaTry, set) || !Equals(viaSpan, set))
        {
            return "TryParse and Parse disagree";
        }

        if (expected.Runs is not null)
        {
            if (set is null)
            {
                return $"model: valid {Format(expected.Runs)}; ours: {error!.Message}";
            }

            var runs = CpuSpecReferenceModel.Runs(set);
            if (!runs.SequenceEqual(expected.Runs))
            {
                return $"model: {Format(expected.Runs)}; ours: {Format(runs)}";
            }

            return CpuSet.Parse(set.ToString()).Equals(set) ? null : $"{set} does not parse back to itself";
        }

        if (error is null)
        {
            return $"model: invalid {expected.Kind} rule {Escape(expected.Rule!)}; ours: {set}";
        }

        string message = $"Invalid {expected.Kind} expression {PythonRepr.Quote(expected.Rule)}"
            + (expected.AboveBound ? $": CPU ids above {CpuSet.MaxCpuId} are not supported" : string.Empty);
        return error.Message == message && error.Rule == expected.Rule && error.Offset == expected.Offset
            ? null
            : $"model: {Escape(message)} at {expected.Offset}; ours: {Escape(error.Message)} ({Escape(error.Rule)} at {error.Offset})";
    }

    private static string Format(List<(int First, int Last)> runs) =>
        "{" + string.Join(",", runs.Select(r => r.First == r.Last ? $"{r.First}" : $"{r.First}-{r.Last}")) + "}";

    /// <summary>The input as a C# literal body, so a failure can be pasted into a regression test.</summary>
    private static string Escape(string s)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in s)
        {
            builder.Append(c is >= ' ' and < '\u007f' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return builder.Append('"').ToString();
    }
}
