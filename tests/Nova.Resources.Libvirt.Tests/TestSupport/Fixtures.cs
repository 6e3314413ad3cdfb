using System.Diagnostics;
using System.Text.Json;

namespace Nova.Resources.Libvirt.Tests.TestSupport;

/// <summary>The saved fixtures, and the Python reference scripts that read them.</summary>
internal static class Fixtures
{
    private static readonly Lazy<JsonElement> s_nova = new(() => RunPython(
        "nova_caps.py",
        Path("caps-test-default.xml"),
        Path("caps-test-node-64cpu.xml"),
        Path("caps-qemu-kvm.xml"),
        Path("caps-maxphysaddr.xml")));

    /// <summary>What Nova's own code (python3-nova) derives from a saved capabilities fixture; Nova is imported once.</summary>
    public static JsonElement Nova(string capabilitiesFixture) => s_nova.Value.GetProperty(Path(capabilitiesFixture));

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Read(string name) => File.ReadAllText(Path(name));

    /// <summary>A test-driver URI for a node file: <c>test://</c> and the file's absolute path.</summary>
    public static string TestUri(string name) => "test://" + Path(name);

    /// <summary>Runs one of the fixture scripts with Debian's python3 (python3-libvirt, python3-nova) and parses its JSON.</summary>
    public static JsonElement RunPython(string script, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path(script));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, "python3 {0} failed: {1}", script, stderr.Result);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
