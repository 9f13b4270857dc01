using System.Net;
using System.Net.Sockets;
using EdgeWasm.Protocol.Mqtt;

namespace EdgeWasm.Protocol.Tests.Mqtt;

/// <summary>
/// Mosquitto 2 speaks MQTT 5, so a broker that only speaks 3.1.1 is played by a minimal server that follows
/// MQTT 3.1.1 §3.1.2.2 strictly: a CONNECT with an unsupported protocol level gets CONNACK return code 0x01
/// and the connection is closed; level 4 is accepted.
/// </summary>
public sealed class ProtocolFallbackTests
{
    [Fact]
    public async Task Auto_AgainstA311OnlyBroker_FallsBackAndConnects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var levels = new List<int>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var server = ServeAsync(listener, levels, cts.Token);

        await using (var client = new MqttClient(new MqttClientOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            ClientId = "old-broker",
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
        }))
        {
            await client.ConnectAsync(cts.Token);
            var connected = await client.Events.ReadAsync(cts.Token);

            Assert.Equal(new MqttConnected(false, MqttProtocolVersion.V311), connected);
            Assert.Equal(MqttProtocolVersion.V311, client.Protocol);
        }

        await cts.CancelAsync();
        await server;
        Assert.Equal([5, 4], levels.Take(2));
    }

    private static async Task ServeAsync(TcpListener listener, List<int> levels, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(ct);
                var (_, connect) = await ReadPacketAsync(socket, ct);
                // Variable header: protocol name (length-prefixed "MQTT"), then the protocol level.
                var level = connect[2 + 4];
                lock (levels) levels.Add(level);
                if (level != 4)
                {
                    await socket.SendAsync(new byte[] { 0x20, 0x02, 0x00, 0x01 }, ct);
                    continue;
                }

                await socket.SendAsync(new byte[] { 0x20, 0x02, 0x00, 0x00 }, ct);
                // Hold the connection (answering PINGREQ) until the client disconnects.
                while (true)
                {
                    var (type, _) = await ReadPacketAsync(socket, ct);
                    if (type == 0xC0) await socket.SendAsync(new byte[] { 0xD0, 0x00 }, ct);
                    if (type is 0xE0 or -1) break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // One MQTT control packet: fixed header type, variable-length remaining length, body. Type -1 at end of stream.
    private static async Task<(int Type, byte[] Body)> ReadPacketAsync(Socket socket, CancellationToken ct)
    {
        var one = new byte[1];
        if (await socket.ReceiveAsync(one, ct) == 0) return (-1, []);
        var type = one[0] & 0xF0;
        int length = 0, shift = 0;
        do
        {
            if (await socket.ReceiveAsync(one, ct) == 0) return (-1, []);
            length |= (one[0] & 0x7F) << shift;
            shift += 7;
        }
        while ((one[0] & 0x80) != 0);

        var body = new byte[length];
        for (var read = 0; read < length;)
        {
            var n = await socket.ReceiveAsync(body.AsMemory(read), ct);
            if (n == 0) return (-1, []);
            read += n;
        }

        return (type, body);
    }
}
