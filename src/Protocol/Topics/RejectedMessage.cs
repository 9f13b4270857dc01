namespace EdgeWasm.Protocol.Topics;

/// <summary><c>…/rejected</c>: the device refused something the cloud sent it, and says why.</summary>
public sealed record RejectedMessage : IEnvelope
{
    /// <summary>The refusing device.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The channel of the refused message (desired or logs/req).</summary>
    public required TopicKind Channel { get; init; }

    /// <summary>Why, in words an operator can act on.</summary>
    public required string Reason { get; init; }

    /// <summary>The refused desired version, when it could be read.</summary>
    public long? Version { get; init; }

    /// <summary>The refused logs request, when it could be read.</summary>
    public string? RequestId { get; init; }

    /// <summary>Size of the refused payload in bytes.</summary>
    public int PayloadBytes { get; init; }

    /// <summary>When the device refused it.</summary>
    public required DateTimeOffset At { get; init; }

    /// <inheritdoc />
    public string? Problem(string topicDevice) =>
        DeviceId == topicDevice ? null : $"device id '{DeviceId}' does not match the topic's device '{topicDevice}'";
}
