using System.Net;
using System.Net.Sockets;

namespace EdgeWasm.Cli.Demo;

/// <summary>Free TCP ports on the loopback interface, and waiting for a server to accept on one.</summary>
internal static class LoopbackPort
{
    /// <summary>A port nothing listens on now (the kernel picks it; a tiny race with other programs remains).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on 127.0.0.1:<paramref name="port"/>; fails if <paramref name="server"/> ends or <paramref name="timeout"/> passes.</summary>
    public static async Task WaitUntilListeningAsync(int port, ChildProcessHandle server, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException) when (!server.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new InvalidOperationException(server.HasExited
                    ? $"{server.Name} ended with exit code {server.ExitCode} before it listened on port {port} (see its log)"
                    : $"{server.Name} did not listen on port {port} within {timeout.TotalSeconds:0} s", ex);
            }
        }
    }
}
