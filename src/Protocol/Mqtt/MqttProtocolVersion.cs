namespace EdgeWasm.Protocol.Mqtt;

/// <summary>Which MQTT version to speak.</summary>
public enum MqttProtocolVersion
{
    /// <summary>MQTT 5 when the broker speaks it, else 3.1.1 (decided by the first CONNACK).</summary>
    Auto,
    /// <summary>MQTT 3.1.1 only.</summary>
    V311,
    /// <summary>MQTT 5 only.</summary>
    V5,
}
