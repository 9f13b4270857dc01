using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>How the bridge talks to its devices over MQTT.</summary>
internal sealed record DeviceLinkOptions
{
    /// <summary>The broker connection. Use a fixed client id and a persistent session (CleanSession false), so
    /// changes reported while the bridge is down wait for it at the broker.</summary>
    public required MqttClientOptions Mqtt { get; init; }

    /// <summary>Payload size limits; must match the agents'.</summary>
    public PayloadLimits Limits { get; init; } = PayloadLimits.Default;

    /// <summary>How long a logs request waits for the device's answer.</summary>
    public TimeSpan LogsTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws on a value that cannot work.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Mqtt);
        Limits.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LogsTimeout, TimeSpan.Zero, nameof(LogsTimeout));
    }
}
