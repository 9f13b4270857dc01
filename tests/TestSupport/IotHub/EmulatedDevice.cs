using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.IotHub;

/// <summary>A device identity of the emulated hub with its twin and its MQTT connection. Guarded by the emulator's gate.</summary>
internal sealed class EmulatedDevice(string id, EmulatedAuthentication authentication)
{
    public string Id { get; } = id;

    public string GenerationId { get; } = Guid.NewGuid().ToString("N")[..18];

    public EmulatedAuthentication Authentication { get; set; } = authentication;

    public string? PrimaryKey { get; set; }

    public string? SecondaryKey { get; set; }

    public string? PrimaryThumbprint { get; set; }

    public string? SecondaryThumbprint { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Counts identity updates; the identity's etag.</summary>
    public long IdentityVersion { get; set; } = 1;

    public JsonObject Tags { get; set; } = [];

    public JsonObject Desired { get; } = [];

    public long DesiredVersion { get; set; } = 1;

    public JsonObject Reported { get; } = [];

    public long ReportedVersion { get; set; } = 1;

    /// <summary>Counts every change of the twin; the twin's etag and <c>version</c>.</summary>
    public long TwinVersion { get; set; } = 1;

    public DateTimeOffset? DesiredUpdated { get; set; }

    public DateTimeOffset? ReportedUpdated { get; set; }

    public DateTimeOffset? LastActivity { get; set; }

    public DateTimeOffset? ConnectionStateUpdated { get; set; }

    public EmulatorConnection? Connection { get; set; }

    /// <summary>Subscriptions of the device's persistent session (kept while it connects with clean session off).</summary>
    public HashSet<string> Subscriptions { get; } = new(StringComparer.Ordinal);

    public bool HasSession { get; set; }

    public int Connects { get; set; }

    public string TwinEtag => Etag(TwinVersion);

    public string IdentityEtag => Etag(IdentityVersion);

    /// <summary>An etag the way IoT Hub shows them: a counter's eight bytes in base64.</summary>
    public static string Etag(long version)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, version);
        return Convert.ToBase64String(bytes);
    }
}
