namespace EdgeWasm.Protocol.Topics;

/// <summary><c>…/heartbeat</c>, QoS 0, every few seconds while connected: the bridge's evidence that the device lives.</summary>
public sealed record HeartbeatMessage : IEnvelope
{
    /// <summary>The device.</summary>
    public required string DeviceId { get; init; }

    /// <summary>When it was sent, by the device's clock.</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>The desired version the device runs.</summary>
    public long AppliedVersion { get; init; }

    /// <summary>Reported changes still waiting in the outbox.</summary>
    public long OutboxPending { get; init; }

    /// <inheritdoc />
    public string? Problem(string topicDevice) =>
        DeviceId == topicDevice ? null : $"device id '{DeviceId}' does not match the topic's device '{topicDevice}'";
}
