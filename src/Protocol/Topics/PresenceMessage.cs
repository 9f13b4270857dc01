using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.Topics;

/// <summary>
/// <c>…/online</c>, retained. The agent publishes <c>online: true</c> after every connect and <c>false</c> before a
/// clean shutdown; the broker publishes the last will, <c>online: false</c> without <see cref="At"/>, when the
/// connection dies.
/// </summary>
public sealed record PresenceMessage : IEnvelope
{
    /// <summary>The device.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Whether the agent is connected.</summary>
    public required bool Online { get; init; }

    /// <summary>When the agent said so (absent in the last will, which is written at connect time).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The agent's version.</summary>
    public string? AgentVersion { get; init; }

    /// <summary>
    /// The device's facts as it last reported them (also in the last will), so a bridge whose session is new, and
    /// so missed the <c>DeviceInfo</c> change, learns them from the retained message.
    /// </summary>
    public DeviceInfo? Device { get; init; }

    /// <inheritdoc />
    public string? Problem(string topicDevice) =>
        DeviceId == topicDevice ? null : $"device id '{DeviceId}' does not match the topic's device '{topicDevice}'";
}
