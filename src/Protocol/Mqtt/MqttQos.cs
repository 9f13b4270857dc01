namespace EdgeWasm.Protocol.Mqtt;

/// <summary>MQTT quality of service.</summary>
public enum MqttQos
{
    /// <summary>QoS 0: fire and forget.</summary>
    AtMostOnce = 0,
    /// <summary>QoS 1: acknowledged with PUBACK, may be duplicated.</summary>
    AtLeastOnce = 1,
    /// <summary>QoS 2: four-step handshake.</summary>
    ExactlyOnce = 2,
}
