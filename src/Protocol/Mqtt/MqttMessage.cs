namespace EdgeWasm.Protocol.Mqtt;

/// <summary>A message the broker delivered to us. Topic and payload are copies owned by managed code.</summary>
public sealed record MqttMessage(string Topic, byte[] Payload, MqttQos Qos, bool Retain) : MqttClientEvent;
