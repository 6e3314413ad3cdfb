namespace Nova.Resources.Tests.Fuzz;

/// <summary>
/// Every input of the AFL++ corpus for <c>cpuset</c> (fuzz/corpus/cpuset: seeds, cpuset-grown: what fuzzing grew)
/// through the fuzz target's checks: only <see cref="CpuSpecFormatException"/>, Parse and TryParse agree, and a set
/// formats back to itself. A crash AFL++ finds is added to the corpus and so stays a regression test.
/// </summary>
public sealed class FuzzCorpusTests
{
    [Fact]
    public void Parse_EveryCorpusInput_BehavesAsTheFuzzTargetRequires()
    {
        string corpus = Path.Combine(AppContext.BaseDirectory, "FuzzCorpus");
        string[] files = Directory.GetFiles(corpus, "*", SearchOption.AllDirectories);
        files.Length.Should().BeGreaterThan(10, "the seeds and the grown corpus are copied beside the tests");

        var failures = new List<string>();
        foreach (string file in files)
        {
            string input = File.ReadAllText(file);
            try
            {
                var set = CpuSet.Parse(input);
                if (!CpuSet.Parse(set.ToString()).Equals(set) || !CpuSet.TryParse(input, out _))
                {
                    failures.Add($"{Path.GetFileName(file)}: round trip or TryParse disagrees");
                }
            }
            catch (CpuSpecFormatException)
            {
                if (CpuSet.TryParse(input, out _))
                {
                    failures.Add($"{Path.GetFileName(file)}: TryParse accepted what Parse refused");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }

        failures.Should().BeEmpty();
    }
}
