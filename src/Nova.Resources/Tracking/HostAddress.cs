using System.Net;
using System.Net.Sockets;

namespace Nova.Resources.Tracking;

/// <summary>
/// This host's IPv4 address as Nova's default <c>my_ip</c> finds it (oslo.utils <c>netutils.get_my_ipv4</c>): the
/// local address of a UDP socket "connected" to <c>192.0.2.0:80</c>, which sends nothing and only asks the kernel
/// for its route; <c>127.0.0.1</c> when there is no route.
/// </summary>
internal static class HostAddress
{
    /// <summary>An address of TEST-NET-1 (RFC 5737): never on a real network, so only the route is looked up.</summary>
    private static readonly IPEndPoint Probe = new(new IPAddress([192, 0, 2, 0]), 80);

    /// <summary>Returns the address the host would send from to reach the default route, or the loopback address.</summary>
    public static IPAddress DetectIPv4() => DetectIPv4(Probe);

    /// <summary>Returns the local address of a UDP socket connected to <paramref name="probe"/>, or the loopback address when it cannot connect.</summary>
    internal static IPAddress DetectIPv4(IPEndPoint probe)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(probe);
            return ((IPEndPoint)socket.LocalEndPoint!).Address;
        }
        catch (SocketException)
        {
            // oslo then tries the default-route interface; without a route there is none, so this is its last resort.
            return IPAddress.Loopback;
        }
    }
}
