using BenchmarkDotNet.Attributes;
using Nova.Resources;

namespace Nova.Resources.Benchmarks;

/// <summary>
/// CpuSet parsing, formatting and enumeration on the six specs of issue 2; benchmarks/compare-parser.sh puts these
/// numbers next to Nova's own Python parse_cpu_spec/format_cpu_spec (benchmarks/nova_parse_bench.py).
/// </summary>
[MemoryDiagnoser]
public class CpuSetParseBenchmarks
{
    private string _text = string.Empty;
    private CpuSet _set = CpuSet.Empty;
    private char[] _buffer = [];

    /// <summary>Gets or sets the spec's name (the spec itself, abbreviated for the two long ones).</summary>
    [Params("0-3", "1-4,^3,6", "0-127,^64-71", "0-1023", "0,2,...,1022", "0-1023,^1,...,^1023")]
    public string Spec { get; set; } = "0-3";

    /// <summary>Expands a spec name from <see cref="Spec"/> into the spec.</summary>
    public static string Expand(string name) => name switch
    {
        "0,2,...,1022" => string.Join(',', Enumerable.Range(0, 512).Select(i => i * 2)),
        "0-1023,^1,...,^1023" => "0-1023," + string.Join(',', Enumerable.Range(0, 512).Select(i => $"^{(i * 2) + 1}")),
        _ => name,
    };

    [GlobalSetup]
    public void Setup()
    {
        _text = Expand(Spec);
        _set = CpuSet.Parse(_text);
        _buffer = new char[_set.ToString().Length];
    }

    [Benchmark]
    public CpuSet Parse() => CpuSet.Parse(_text);

    [Benchmark]
    public string Format() => _set.ToString();

    [Benchmark]
    public int TryFormat()
    {
        _set.TryFormat(_buffer, out int written);
        return written;
    }

    [Benchmark]
    public int Enumerate()
    {
        int sum = 0;
        foreach (int cpu in _set)
        {
            sum += cpu;
        }

        return sum;
    }
}
