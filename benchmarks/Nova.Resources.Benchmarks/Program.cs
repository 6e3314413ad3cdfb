using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line (see benchmarks/README.md). Exits non-zero when any
// benchmark fails, so the CI dry run catches a benchmark that rots.
if (args is ["--libvirt-cpu-time"])
{
    Nova.Resources.Benchmarks.LibvirtCpuTime.Run();
    return 0;
}

IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
