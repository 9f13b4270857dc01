namespace EdgeWasm.Protocol.Topics;

/// <summary>
/// The largest payload each channel carries. Both sides enforce them: a sender refuses to send more (it never
/// truncates), a receiver refuses and reports more. The broker's <c>message_size_limit</c> should be at least the
/// largest of these.
/// </summary>
public sealed record PayloadLimits
{
    /// <summary>The defaults documented in docs/mqtt.md.</summary>
    public static PayloadLimits Default { get; } = new();

    /// <summary>A whole desired document (ConfigMap and Secret files travel inside it). Default 1 MiB.</summary>
    public int Desired { get; init; } = 1024 * 1024;

    /// <summary>One reported change. Default 64 KiB.</summary>
    public int Reported { get; init; } = 64 * 1024;

    /// <summary>A log response. Default 1 MiB.</summary>
    public int LogsResponse { get; init; } = 1024 * 1024;

    /// <summary>Presence, heartbeat, logs request and rejection messages. Default 16 KiB.</summary>
    public int Small { get; init; } = 16 * 1024;

    /// <summary>The limit for <paramref name="kind"/>.</summary>
    public int For(TopicKind kind) => kind switch
    {
        TopicKind.Desired => Desired,
        TopicKind.Reported => Reported,
        TopicKind.LogsResponse => LogsResponse,
        _ => Small,
    };

    /// <summary>Throws when a limit is not positive.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { ("Desired", Desired), ("Reported", Reported), ("LogsResponse", LogsResponse), ("Small", Small) })
        {
            if (value < 1024) throw new ArgumentOutOfRangeException(name, value, $"payload limit {name} must be at least 1024 bytes");
        }
    }
}
