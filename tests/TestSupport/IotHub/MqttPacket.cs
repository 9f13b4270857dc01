using System.Buffers.Binary;
using System.Text;

namespace EdgeWasm.TestSupport.IotHub;

/// <summary>One MQTT 3.1.1 control packet as read off the wire: the first header byte and the rest of the packet.</summary>
internal sealed record MqttPacket(byte Header, byte[] Body)
{
    public const int Connect = 1;
    public const int Connack = 2;
    public const int Publish = 3;
    public const int Puback = 4;
    public const int Pubrec = 5;
    public const int Subscribe = 8;
    public const int Suback = 9;
    public const int Unsubscribe = 10;
    public const int Unsuback = 11;
    public const int Pingreq = 12;
    public const int Pingresp = 13;
    public const int Disconnect = 14;

    // MQTT's largest remaining length (four length bytes).
    private const int MaxRemainingLength = 268_435_455;

    public int Type => Header >> 4;

    public int Flags => Header & 0x0F;

    /// <summary>Reads one packet; null at a clean end of stream. Throws <see cref="InvalidDataException"/> on a malformed length.</summary>
    public static async Task<MqttPacket?> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        if (await stream.ReadAsync(one, cancellationToken) == 0) return null;
        var header = one[0];
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 21) throw new InvalidDataException("the remaining length has more than four bytes");
            await stream.ReadExactlyAsync(one, cancellationToken);
            length |= (one[0] & 0x7F) << shift;
            if ((one[0] & 0x80) == 0) break;
        }

        if (length > Math.Min(maxBytes, MaxRemainingLength)) throw new InvalidDataException($"a packet of {length} bytes is over the {maxBytes}-byte limit");
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new MqttPacket(header, body);
    }

    /// <summary>The bytes of a packet with this header and body.</summary>
    public static byte[] Encode(byte header, ReadOnlySpan<byte> body)
    {
        var output = new MemoryStream(body.Length + 5);
        output.WriteByte(header);
        var length = body.Length;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            if (length > 0) digit |= 0x80;
            output.WriteByte(digit);
        }
        while (length > 0);
        output.Write(body);
        return output.ToArray();
    }

    /// <summary>A QoS 0 PUBLISH from the server.</summary>
    public static byte[] EncodePublish(string topic, ReadOnlySpan<byte> payload)
    {
        var body = new MemoryStream();
        WriteString(body, topic);
        body.Write(payload);
        return Encode(Publish << 4, body.ToArray());
    }

    /// <summary>A packet carrying only a packet identifier (PUBACK, UNSUBACK).</summary>
    public static byte[] EncodeWithId(int type, int packetId)
    {
        Span<byte> id = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(id, (ushort)packetId);
        return Encode((byte)(type << 4), id);
    }

    public static void WriteString(Stream output, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)bytes.Length);
        output.Write(length);
        output.Write(bytes);
    }
}
