using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>How the agent syncs with the cloud over MQTT.</summary>
internal sealed record MqttSyncOptions
{
    /// <summary>This device's id: its topics, and normally its MQTT client id and username.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The broker connection. The link forces a persistent session and sets the last will.</summary>
    public required MqttClientOptions Mqtt { get; init; }

    /// <summary>The agent's version, announced with presence.</summary>
    public string AgentVersion { get; init; } = "0.1.0";

    /// <summary>How often a heartbeat goes out while connected.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Outbox entries published but not yet acknowledged, at most.</summary>
    public int DrainWindow { get; init; } = 100;

    /// <summary>Payload size limits; must match the bridge's.</summary>
    public PayloadLimits Limits { get; init; } = PayloadLimits.Default;

    /// <summary>Wait before subscribing again to desired after a document could not be stored.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws on a value that cannot work.</summary>
    public void Validate()
    {
        DeviceIds.Validate(DeviceId);
        ArgumentNullException.ThrowIfNull(Mqtt);
        ArgumentOutOfRangeException.ThrowIfLessThan(HeartbeatInterval, TimeSpan.FromSeconds(1), nameof(HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(DrainWindow, 1, nameof(DrainWindow));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        Limits.Validate();
    }
}
