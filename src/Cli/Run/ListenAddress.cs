using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeWasm.Cli.Run;

/// <summary>
/// A <c>--tcplisten</c> value, <c>HOST:PORT</c> (<c>127.0.0.1:8080</c>, <c>[::1]:8080</c>, <c>localhost:8080</c>):
/// the CLI binds it and hands the listening socket to the guest as a preopened descriptor.
/// </summary>
internal sealed record ListenAddress(string Text, string Host, int Port)
{
    /// <summary>The listen backlog; the one Rust's standard library uses, so wasmtime's too.</summary>
    private const int Backlog = 128;

    /// <summary>Parses <c>HOST:PORT</c>; an IPv6 host goes in brackets. <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string text, out ListenAddress? address, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        address = null;
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : "";
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        else if (host.Contains(':', StringComparison.Ordinal)) host = "";
        if (host.Length == 0)
        {
            error = $"--tcplisten \"{text}\" is not HOST:PORT (e.g. 127.0.0.1:8080 or [::1]:8080)";
            return false;
        }

        if (!ushort.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            error = $"--tcplisten \"{text}\" has no valid port (0-65535)";
            return false;
        }

        address = new ListenAddress(text, host, port);
        error = "";
        return true;
    }

    /// <summary>Binds and listens on the first of the host's addresses that accepts the port.</summary>
    /// <exception cref="SocketException">No address could be bound (in use, not local, or the name does not resolve).</exception>
    public Socket Bind()
    {
        var addresses = IPAddress.TryParse(Host, out var literal) ? [literal] : Dns.GetHostAddresses(Host);
        SocketException? failure = null;
        foreach (var ip in addresses)
        {
            var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(ip, Port));
                socket.Listen(Backlog);
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                failure = ex;
            }
        }

        throw failure ?? new SocketException((int)SocketError.HostNotFound);
    }
}
