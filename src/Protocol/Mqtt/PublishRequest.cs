namespace EdgeWasm.Protocol.Mqtt;

/// <summary>One publish, from the call until the broker's PUBACK (QoS 1) or the write (QoS 0).</summary>
internal sealed class PublishRequest(string topic, byte[] payload, MqttQos qos, bool retain, bool mqtt5) : IAckWaiter
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Topic { get; } = topic;

    public byte[] Payload { get; } = payload;

    public MqttQos Qos { get; } = qos;

    public bool Retain { get; } = retain;

    /// <summary>Completes when the broker has the message.</summary>
    public Task Completion => _done.Task;

    public void Acknowledged(int code)
    {
        // MQTT 5 PUBACK reason codes of 0x80 and above are refusals (e.g. 0x87 not authorized); 0x10 "no matching
        // subscribers" is still a success.
        if (code >= 0x80)
        {
            _done.TrySetException(new MqttException($"publish to '{Topic}'", $"the broker refused it: {MosquittoLibrary.ReasonText(code, mqtt5)} (reason code 0x{code:x2})", code, isReasonCode: true));
        }
        else
        {
            _done.TrySetResult();
        }
    }

    public void Failed(Exception error) => _done.TrySetException(error);
}
