using System.Text;
using BenchmarkDotNet.Attributes;
using Nova.Resources;

namespace Nova.Resources.Benchmarks;

/// <summary>
/// <see cref="CpuSet.Parse(string)"/> over inputs of 1 KB, 64 KB and 1 MB: the time per character must stay flat
/// (linear parsing) and a valid input must allocate only the result, whatever its length.
/// </summary>
[MemoryDiagnoser]
public class CpuSetParseSizeBenchmarks
{
    private string _validList = null!;
    private string _fullRanges = null!;
    private string _invalidAtEnd = null!;

    /// <summary>Gets or sets the input length in characters.</summary>
    [Params(1 << 10, 1 << 16, 1 << 20)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _validList = Fill("0-3,5,^2, 7 - 9 ,^8,", Size);
        _fullRanges = Fill("0-65535,^0-65535,", Size);
        _invalidAtEnd = Fill("0-3,5,^2, 7 - 9 ,^8,", Size - 2) + ",x";
    }

    /// <summary>Many short rules, the common shape.</summary>
    [Benchmark(Baseline = true, Description = "valid list")]
    public CpuSet ValidList() => CpuSet.Parse(_validList);

    /// <summary>The costliest valid rule per character: each sets or clears all 65536 bits.</summary>
    [Benchmark(Description = "full ranges")]
    public CpuSet FullRanges() => CpuSet.Parse(_fullRanges);

    /// <summary>A whole input read before the last rule fails.</summary>
    [Benchmark(Description = "invalid at the end")]
    public bool InvalidAtEnd() => CpuSet.TryParse(_invalidAtEnd, out _);

    /// <summary>Repeats <paramref name="unit"/> to exactly <paramref name="size"/> characters, padded with commas.</summary>
    private static string Fill(string unit, int size)
    {
        var builder = new StringBuilder(size + unit.Length);
        while (builder.Length + unit.Length <= size)
        {
            builder.Append(unit);
        }

        return builder.Append(',', size - builder.Length).ToString();
    }
}
