using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>The addresses a device reports for its pods (hostIP, podIP): where its workloads' listening ports are reached.</summary>
internal static class DeviceAddresses
{
    /// <summary>
    /// <paramref name="configured"/> alone when it is set; otherwise the unicast addresses of the interfaces that are
    /// up, IPv4 before IPv6, without loopback and link-local ones (those mean nothing to anyone else). Empty when there
    /// are none, e.g. on a device that is offline at boot.
    /// </summary>
    public static IReadOnlyList<string> Advertised(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return [configured.Trim()];
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
                .Where(Reachable)
                .OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)
                .Select(a => a.ToString())
                .Distinct(StringComparer.Ordinal)];
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    private static bool Reachable(IPAddress address) =>
        !IPAddress.IsLoopback(address)
        && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
        && !address.IsIPv6LinkLocal
        && !(address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes() is [169, 254, ..]);
}
