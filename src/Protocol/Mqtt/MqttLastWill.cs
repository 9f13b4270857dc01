namespace EdgeWasm.Protocol.Mqtt;

/// <summary>The message the broker publishes for us when our connection ends without a DISCONNECT.</summary>
public sealed record MqttLastWill(string Topic, ReadOnlyMemory<byte> Payload, MqttQos Qos, bool Retain);
