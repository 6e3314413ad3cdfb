using System.Net;

namespace Nova.Resources.Tracking;

/// <summary>This compute host's name: <see cref="ComputeResourceOptions.Host"/>, or the machine's name (Nova's <c>socket.gethostname()</c>).</summary>
internal static class HostName
{
    private static string? s_machine;

    public static string Resolve(ComputeResourceOptions options)
        => string.IsNullOrWhiteSpace(options.Host) ? s_machine ??= Dns.GetHostName() : options.Host;
}
