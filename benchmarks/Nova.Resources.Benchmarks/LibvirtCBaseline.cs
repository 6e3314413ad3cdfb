using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Nova.Resources.Benchmarks;

/// <summary>
/// The C whole read of <c>benchmarks/libvirt_bench.c</c>, built with gcc as a shared library and called through a
/// function pointer, so that BenchmarkDotNet times the C sequence of libvirt calls in the same run, the same way,
/// as the .NET read.
/// </summary>
internal sealed unsafe class LibvirtCBaseline : IDisposable
{
    private readonly nint _library;
    private readonly delegate* unmanaged<nint, long> _wholeRead;
    private readonly nint _connection;
    private readonly string _directory;

    public LibvirtCBaseline(string uri, string instances)
    {
        _directory = Directory.CreateTempSubdirectory("nova-libvirt-bench-c-").FullName;
        string library = Path.Combine(_directory, "libvirt_bench.so");
        Compile(FindSource(), library);
        _library = NativeLibrary.Load(library);
        var open = (delegate* unmanaged<byte*, byte*, nint>)NativeLibrary.GetExport(_library, "libvirt_bench_open");
        _wholeRead = (delegate* unmanaged<nint, long>)NativeLibrary.GetExport(_library, "libvirt_bench_whole_read");
        fixed (byte* u = System.Text.Encoding.UTF8.GetBytes(uri + "\0"))
        fixed (byte* p = System.Text.Encoding.UTF8.GetBytes(instances + "\0"))
        {
            _connection = open(u, p);
        }

        if (_connection == 0)
        {
            throw new InvalidOperationException($"libvirt_bench_open({uri}) failed");
        }
    }

    /// <summary>One C whole read on the library's own connection.</summary>
    public long WholeRead() => _wholeRead(_connection);

    public void Dispose()
    {
        // The connection lives as long as the process; the library stays loaded with it.
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>benchmarks/libvirt_bench.c, found above the benchmark's directory (BenchmarkDotNet runs it from its build output).</summary>
    private static string FindSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "benchmarks", "libvirt_bench.c");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("benchmarks/libvirt_bench.c was not found above " + AppContext.BaseDirectory);
    }

    private static void Compile(string source, string library)
    {
        var start = new ProcessStartInfo("gcc") { RedirectStandardError = true };
        foreach (string argument in new[] { "-O2", "-shared", "-fPIC", "-DLIBVIRT_BENCH_LIBRARY", "-o", library, source, "/usr/lib/x86_64-linux-gnu/libvirt.so.0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var gcc = Process.Start(start) ?? throw new InvalidOperationException("gcc did not start");
        string errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0)
        {
            throw new InvalidOperationException($"gcc failed ({gcc.ExitCode}): {errors}");
        }
    }
}
