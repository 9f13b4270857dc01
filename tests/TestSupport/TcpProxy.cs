using System.Net;
using System.Net.Sockets;

namespace EdgeWasm.TestSupport;

/// <summary>
/// A loopback TCP forwarder between a client and a server. <see cref="CutAll"/> resets every connection at once,
/// like a network failure: neither side gets to say goodbye (so an MQTT broker publishes the client's will).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<Socket> _sockets = [];
    private readonly List<Task> _pumps = [];
    private readonly Task _accepting;

    /// <summary>Starts forwarding from a free port to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Resets every open connection (RST, no FIN).</summary>
    public void CutAll()
    {
        List<Socket> sockets;
        lock (_gate)
        {
            sockets = [.. _sockets];
            _sockets.Clear();
        }

        foreach (var socket in sockets)
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        Task[] pumps;
        lock (_gate) pumps = [.. _pumps];
        await Task.WhenAll(pumps);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_gate)
            {
                _sockets.Add(client);
                _sockets.Add(server);
                _pumps.Add(PumpAsync(client, server));
                _pumps.Add(PumpAsync(server, client));
            }
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer);
                if (n == 0) break;
                await to.SendAsync(buffer.AsMemory(0, n));
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The other direction or CutAll closed the pair.
        }
    }
}
