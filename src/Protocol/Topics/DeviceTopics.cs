using System.Diagnostics.CodeAnalysis;

namespace EdgeWasm.Protocol.Topics;

/// <summary>
/// The topic contract: every topic of one device, under <c>edgewasm/v1/devices/{device}/</c>. The version segment
/// lets a later, incompatible contract live beside this one on the same broker.
/// </summary>
public sealed record DeviceTopics
{
    /// <summary>The prefix of every device topic.</summary>
    public const string Root = "edgewasm/v1/devices";

    private const int MaxRequestIdLength = 64;

    /// <summary>The topics of <paramref name="deviceId"/>, which must be a valid device id.</summary>
    public DeviceTopics(string deviceId)
    {
        DeviceIds.Validate(deviceId);
        DeviceId = deviceId;
        var prefix = $"{Root}/{deviceId}/";
        Desired = prefix + "desired";
        Reported = prefix + "reported";
        Online = prefix + "online";
        Heartbeat = prefix + "heartbeat";
        LogsRequest = prefix + "logs/req";
        LogsResponses = prefix + "logs/res/+";
        Rejected = prefix + "rejected";
    }

    /// <summary>Filter for every device's desired document (the bridge reads the retained ones back after a restart).</summary>
    public static string AllDesired => Root + "/+/desired";

    /// <summary>Filter for every device's reported changes (the bridge subscribes to it).</summary>
    public static string AllReported => Root + "/+/reported";

    /// <summary>Filter for every device's presence.</summary>
    public static string AllOnline => Root + "/+/online";

    /// <summary>Filter for every device's heartbeats.</summary>
    public static string AllHeartbeats => Root + "/+/heartbeat";

    /// <summary>Filter for every device's refusals.</summary>
    public static string AllRejected => Root + "/+/rejected";

    /// <summary>Filter for every device's log responses.</summary>
    public static string AllLogsResponses => Root + "/+/logs/res/+";

    /// <summary>The device.</summary>
    public string DeviceId { get; }

    /// <summary><c>…/desired</c>.</summary>
    public string Desired { get; }

    /// <summary><c>…/reported</c>.</summary>
    public string Reported { get; }

    /// <summary><c>…/online</c>.</summary>
    public string Online { get; }

    /// <summary><c>…/heartbeat</c>.</summary>
    public string Heartbeat { get; }

    /// <summary><c>…/logs/req</c>.</summary>
    public string LogsRequest { get; }

    /// <summary><c>…/logs/res/+</c>, this device's log responses.</summary>
    public string LogsResponses { get; }

    /// <summary><c>…/rejected</c>.</summary>
    public string Rejected { get; }

    /// <summary><c>…/logs/res/{requestId}</c>.</summary>
    public string LogsResponse(string requestId)
    {
        ValidateRequestId(requestId);
        return $"{Root}/{DeviceId}/logs/res/{requestId}";
    }

    /// <summary>Throws unless <paramref name="requestId"/> is 1–64 characters of [A-Za-z0-9-].</summary>
    public static void ValidateRequestId(string requestId)
    {
        if (!IsValidRequestId(requestId))
        {
            throw new ArgumentException($"request id '{requestId}' must be 1-{MaxRequestIdLength} characters of A-Z, a-z, 0-9 and '-'");
        }
    }

    /// <summary>Reads a topic of this contract; false for anything else (another prefix, an unknown channel, a bad id).</summary>
    public static bool TryParse(string topic, [NotNullWhen(true)] out TopicAddress? address)
    {
        address = null;
        ArgumentNullException.ThrowIfNull(topic);
        if (!topic.StartsWith(Root + "/", StringComparison.Ordinal)) return false;
        var parts = topic[(Root.Length + 1)..].Split('/');
        if (parts.Length < 2 || !DeviceIds.IsValid(parts[0])) return false;
        TopicKind? kind = parts[1..] switch
        {
            ["desired"] => TopicKind.Desired,
            ["reported"] => TopicKind.Reported,
            ["online"] => TopicKind.Online,
            ["heartbeat"] => TopicKind.Heartbeat,
            ["rejected"] => TopicKind.Rejected,
            ["logs", "req"] => TopicKind.LogsRequest,
            ["logs", "res", var id] when IsValidRequestId(id) => TopicKind.LogsResponse,
            _ => null,
        };
        if (kind is null) return false;
        address = new TopicAddress(parts[0], kind.Value, kind == TopicKind.LogsResponse ? parts[^1] : null);
        return true;
    }

    private static bool IsValidRequestId(string? id) =>
        id is { Length: > 0 and <= MaxRequestIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
