namespace Nova.Resources.Libvirt.Tests.Capabilities;

/// <summary>
/// Every input of the AFL++ corpus for <c>capabilities</c> (fuzz/corpus/capabilities: seeds, capabilities-grown:
/// what fuzzing grew) through everything the driver does with capabilities: a value or a <see cref="FormatException"/>.
/// </summary>
public sealed class CapabilitiesFuzzCorpusTests
{
    [Fact]
    public void Pipeline_EveryCorpusInput_GivesAValueOrFormatException()
    {
        string corpus = Path.Combine(AppContext.BaseDirectory, "FuzzCorpus");
        string[] files = Directory.GetFiles(corpus, "*", SearchOption.AllDirectories);
        files.Length.Should().BeGreaterThanOrEqualTo(3, "the seeds and the grown corpus are copied beside the tests");

        var failures = new List<string>();
        foreach (string file in files)
        {
            try
            {
                CapabilitiesHostileInputTests.Pipeline(File.ReadAllText(file));
            }
            catch (FormatException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }

        failures.Should().BeEmpty();
    }
}
