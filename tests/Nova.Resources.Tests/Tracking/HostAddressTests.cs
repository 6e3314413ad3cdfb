using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class HostAddressTests
{
    [Fact]
    public async Task DetectIPv4_IsWhatNovasDefaultMyIpFindsOnThisHost()
    {
        // oslo.utils' get_my_ipv4(), the default of Nova's my_ip (python3-oslo.utils, a dependency of python3-nova).
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", "from oslo_utils import netutils; print(netutils.get_my_ipv4())"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        string output = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();
        python.ExitCode.Should().Be(0, await python.StandardError.ReadToEndAsync());

        var address = HostAddress.DetectIPv4();

        address.AddressFamily.Should().Be(AddressFamily.InterNetwork);
        address.ToString().Should().Be(output.Trim());
    }

    [Fact]
    public void DetectIPv4_ProbeCannotBeConnected_FallsBackToNovasLoopbackDefault()
    {
        // Connecting a UDP socket to the broadcast address without SO_BROADCAST fails (EACCES), as a missing route does.
        HostAddress.DetectIPv4(new IPEndPoint(IPAddress.Broadcast, 80)).Should().Be(IPAddress.Loopback);
    }
}
