namespace EdgeWasm.Protocol.Mqtt;

/// <summary>Something that happened on an <see cref="MqttClient"/>'s connection, in the order it happened.</summary>
public abstract record MqttClientEvent;
