namespace EdgeWasm.Protocol.Mqtt;

/// <summary>The broker accepted our CONNECT.</summary>
/// <param name="SessionPresent">Whether the broker still had our persistent session (subscriptions, queued messages).</param>
/// <param name="Protocol">The version spoken on this connection.</param>
public sealed record MqttConnected(bool SessionPresent, MqttProtocolVersion Protocol) : MqttClientEvent;
