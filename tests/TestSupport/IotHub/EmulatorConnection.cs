using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.TestSupport.IotHub;

/// <summary>
/// One device connection to the emulator's MQTT endpoint: MQTT 3.1.1 (CONNECT/CONNACK, SUBSCRIBE/SUBACK,
/// UNSUBSCRIBE/UNSUBACK, PUBLISH at QoS 0 and 1 with PUBACK, PINGREQ, DISCONNECT) and what IoT Hub does with it.
/// Anything IoT Hub does not support closes the connection, as the hub does.
/// </summary>
internal sealed class EmulatorConnection
{
    // Telemetry may be 256 KB; the topic and its property bag come on top.
    private const int MaxPacketBytes = (256 * 1024) + (64 * 1024);
    private const string MethodResponsePrefix = "$iothub/methods/res/";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    // IoT Hub's server-side keep-alive timeout never goes beyond the load balancer's 29.45 minutes.
    private static readonly TimeSpan MaxKeepAliveTimeout = TimeSpan.FromSeconds(1767);

    private readonly IotHubEmulator _hub;
    private readonly SslStream _stream;
    private readonly X509Certificate2? _clientCertificate;
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private EmulatedDevice? _device;
    private bool _cleanSession;
    private bool _saidGoodbye;
    private byte[]? _will;
    private string? _willTopic;

    public EmulatorConnection(IotHubEmulator hub, SslStream stream, X509Certificate2? clientCertificate)
    {
        _hub = hub;
        _stream = stream;
        _clientCertificate = clientCertificate;
    }

    /// <summary>The connection's device, once its CONNECT was accepted.</summary>
    public EmulatedDevice? Device => _device;

    /// <summary>Why the emulator closed the connection, when it did (for test failure messages).</summary>
    public string? CloseReason { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        try
        {
            var keepAlive = await ConnectAsync(stop.Token);
            if (keepAlive is null) return;
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                idle.CancelAfter(keepAlive.Value);
                MqttPacket? packet;
                try
                {
                    packet = await MqttPacket.ReadAsync(_stream, MaxPacketBytes, idle.Token);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    Close("no packet within 1.5 times the keep-alive");
                    return;
                }

                if (packet is null) return;
                _hub.Touch(_device!);
                if (!await HandleAsync(packet, stop.Token)) return;
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or ObjectDisposedException or OperationCanceledException)
        {
            // A malformed packet, a reset connection, or the emulator stopping: the connection ends.
            CloseReason ??= ex.Message;
        }
        finally
        {
            _hub.Closed(this, _saidGoodbye ? null : _willTopic, _will, _cleanSession);
            await _stream.DisposeAsync();
            _closed.Dispose();
        }
    }

    /// <summary>Sends a QoS 0 PUBLISH (twin answers, desired notifications, method requests); false when the connection is gone.</summary>
    public async Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload)
    {
        try
        {
            await SendAsync(MqttPacket.EncodePublish(topic, payload.Span));
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Drops the connection without a word (a newer connection of the device, an expired token, a test).</summary>
    public void Close(string reason)
    {
        CloseReason ??= reason;
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    private async Task<TimeSpan?> ConnectAsync(CancellationToken cancellationToken)
    {
        using var first = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        first.CancelAfter(ConnectTimeout);
        var packet = await MqttPacket.ReadAsync(_stream, MaxPacketBytes, first.Token);
        if (packet is null || packet.Type != MqttPacket.Connect || packet.Flags != 0)
        {
            CloseReason = "the first packet is not a CONNECT";
            return null;
        }

        var reader = new MqttBodyReader(packet.Body);
        var protocol = reader.ReadString();
        var level = reader.ReadByte();
        var flags = reader.ReadByte();
        var keepAlive = reader.ReadUInt16();
        if (protocol != "MQTT")
        {
            CloseReason = $"protocol name '{protocol}' is not MQTT";
            return null;
        }

        if (level != 4)
        {
            // IoT Hub's device endpoint speaks MQTT 3.1.1 (level 4) on 8883.
            await RefuseAsync(1, "", $"protocol level {level} is not 3.1.1");
            return null;
        }

        if ((flags & 0x01) != 0 || ((flags & 0x04) == 0 && (flags & 0x38) != 0) || ((flags & 0x80) == 0 && (flags & 0x40) != 0))
        {
            CloseReason = "the CONNECT flags break MQTT-3.1.2-3, -11, -13 or -22";
            return null;
        }

        _cleanSession = (flags & 0x02) != 0;
        var clientId = reader.ReadString();
        if ((flags & 0x04) != 0)
        {
            if (((flags >> 3) & 3) > 1)
            {
                CloseReason = "IoT Hub does not support QoS 2";
                return null;
            }

            _willTopic = reader.ReadString();
            _will = reader.ReadBinary().ToArray();
        }

        var username = (flags & 0x80) != 0 ? reader.ReadString() : null;
        var password = (flags & 0x40) != 0 ? Encoding.UTF8.GetString(reader.ReadBinary()) : null;
        if (reader.Remaining != 0)
        {
            CloseReason = "the CONNECT has bytes after its payload";
            return null;
        }

        var (device, code, reason, expiry) = _hub.Authenticate(clientId, username, password, _clientCertificate, _willTopic);
        if (device is null)
        {
            await RefuseAsync(code, clientId, reason!);
            return null;
        }

        var sessionPresent = _hub.Accept(this, device, _cleanSession, expiry);
        _device = device;
        await SendAsync(MqttPacket.Encode(MqttPacket.Connack << 4, [(byte)(sessionPresent ? 1 : 0), 0]));
        var timeout = keepAlive == 0 ? MaxKeepAliveTimeout : TimeSpan.FromSeconds(keepAlive * 1.5);
        return timeout > MaxKeepAliveTimeout ? MaxKeepAliveTimeout : timeout;
    }

    private async Task RefuseAsync(int code, string clientId, string reason)
    {
        _hub.RecordRefusal(new RefusedConnection(clientId, code, reason));
        CloseReason = reason;
        await SendAsync(MqttPacket.Encode(MqttPacket.Connack << 4, [0, (byte)code]));
    }

    private async Task<bool> HandleAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        var device = _device!;
        switch (packet.Type)
        {
            case MqttPacket.Publish:
                return await HandlePublishAsync(packet, device);
            case MqttPacket.Subscribe when packet.Flags == 2:
            {
                var reader = new MqttBodyReader(packet.Body);
                var id = reader.ReadUInt16();
                var codes = new List<byte>();
                while (reader.Remaining > 0)
                {
                    var filter = reader.ReadString();
                    var qos = reader.ReadByte();
                    if (qos > 2) return Fail("a SUBSCRIBE asks for QoS above 2");
                    // IoT Hub grants at most QoS 1, and only its documented filters.
                    codes.Add(_hub.Subscribe(device, filter) ? Math.Min(qos, (byte)1) : (byte)0x80);
                }

                if (codes.Count == 0) return Fail("a SUBSCRIBE has no filter");
                var body = new byte[2 + codes.Count];
                body[0] = (byte)(id >> 8);
                body[1] = (byte)id;
                codes.CopyTo(body, 2);
                await SendAsync(MqttPacket.Encode(MqttPacket.Suback << 4, body));
                return true;
            }

            case MqttPacket.Unsubscribe when packet.Flags == 2:
            {
                var reader = new MqttBodyReader(packet.Body);
                var id = reader.ReadUInt16();
                while (reader.Remaining > 0) _hub.Unsubscribe(device, reader.ReadString());
                await SendAsync(MqttPacket.EncodeWithId(MqttPacket.Unsuback, id));
                return true;
            }

            case MqttPacket.Pingreq when packet.Body.Length == 0:
                await SendAsync(MqttPacket.Encode(MqttPacket.Pingresp << 4, []));
                return true;
            case MqttPacket.Puback:
                // The emulator publishes at QoS 0, so there is nothing to acknowledge; a stray PUBACK is harmless.
                return true;
            case MqttPacket.Disconnect when packet.Body.Length == 0:
                _saidGoodbye = true;
                CloseReason = "the device said DISCONNECT";
                return false;
            default:
                return Fail($"packet type {packet.Type} with flags {packet.Flags} is not supported");
        }
    }

    private async Task<bool> HandlePublishAsync(MqttPacket packet, EmulatedDevice device)
    {
        var qos = (packet.Flags >> 1) & 3;
        if (qos > 1) return Fail("IoT Hub does not support QoS 2 messages: it closes the connection");
        var reader = new MqttBodyReader(packet.Body);
        var topic = reader.ReadString();
        var packetId = qos == 1 ? reader.ReadUInt16() : 0;
        var payload = reader.ReadRest().ToArray();
        if (qos == 1) await SendAsync(MqttPacket.EncodeWithId(MqttPacket.Puback, packetId));

        var telemetryPrefix = $"devices/{device.Id}/messages/events/";
        if (topic.StartsWith(telemetryPrefix, StringComparison.Ordinal))
        {
            if (payload.Length > 256 * 1024) return Fail("a device-to-cloud message is over 256 KB");
            var properties = IotHubTopics.ParseProperties(topic[telemetryPrefix.Length..]);
            if ((packet.Flags & 1) != 0) properties["mqtt-retain"] = "true";
            _hub.RecordTelemetry(new TelemetryMessage(device.Id, properties, payload));
            return true;
        }

        if (TryRequestId(topic, "$iothub/twin/GET/", out var rid))
        {
            var (status, body) = _hub.TwinGet(device);
            await PublishAsync($"$iothub/twin/res/{status.ToString(CultureInfo.InvariantCulture)}/?$rid={rid}", body);
            return true;
        }

        if (TryRequestId(topic, "$iothub/twin/PATCH/properties/reported/", out rid))
        {
            var (status, version, body) = _hub.ReportedPatch(device, payload);
            var response = $"$iothub/twin/res/{status.ToString(CultureInfo.InvariantCulture)}/?$rid={rid}";
            if (version is { } v) response += "&$version=" + v.ToString(CultureInfo.InvariantCulture);
            await PublishAsync(response, body);
            return true;
        }

        if (topic.StartsWith(MethodResponsePrefix, StringComparison.Ordinal))
        {
            var rest = topic[MethodResponsePrefix.Length..];
            var separator = rest.IndexOf("/?", StringComparison.Ordinal);
            if (separator > 0
                && int.TryParse(rest.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
                && IotHubTopics.ParseProperties(rest[(separator + 2)..]).TryGetValue("$rid", out var methodRid) && methodRid.Length > 0)
            {
                _hub.MethodAnswered(device, methodRid, status, payload);
                return true;
            }

            return Fail($"'{topic}' is not $iothub/methods/res/{{status}}/?$rid={{request id}}");
        }

        return Fail($"IoT Hub does not accept publications on '{topic}': it closes the connection");
    }

    private static bool TryRequestId(string topic, string prefix, out string rid)
    {
        rid = "";
        if (!topic.StartsWith(prefix + "?", StringComparison.Ordinal)) return false;
        if (!IotHubTopics.ParseProperties(topic[(prefix.Length + 1)..]).TryGetValue("$rid", out var value) || value.Length == 0) return false;
        rid = Uri.EscapeDataString(value);
        return true;
    }

    private bool Fail(string reason)
    {
        CloseReason = reason;
        return false;
    }

    private async Task SendAsync(byte[] packet)
    {
        await _write.WaitAsync(_closed.Token);
        try
        {
            await _stream.WriteAsync(packet, _closed.Token);
            await _stream.FlushAsync(_closed.Token);
        }
        finally
        {
            _write.Release();
        }
    }
}
