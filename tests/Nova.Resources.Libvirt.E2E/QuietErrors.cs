using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Nova.Resources.Libvirt.E2E;

/// <summary>
/// Opens a test-driver node file that does not exist: libvirt fails, and libxml2 would print
/// <c>I/O warning : failed to load external entity</c> to stderr unless the driver silenced it.
/// </summary>
internal static class QuietErrors
{
    public static async Task RunAsync(Utf8JsonWriter json, string instances)
    {
        var services = new ServiceCollection();
        services.AddNovaResources(options => options.Host = "e2e-quiet")
            .AddLibvirtDriver(options => (options.ConnectionUri, options.InstancesPath) = ("test:///nonexistent.xml", instances));
        await using var provider = services.BuildServiceProvider();
        json.WriteStartObject("quiet");
        try
        {
            await provider.GetRequiredService<LibvirtDriver>().GetAvailableResourceAsync("node");
            json.WriteNull("error");
        }
        catch (LibvirtException e)
        {
            json.WriteString("error", e.Message);
        }

        json.WriteEndObject();
    }
}
