using Microsoft.Extensions.Logging;

namespace EdgeWasm.Protocol.Mqtt;

/// <summary>A subscription the client keeps: sent on every (re)connect, confirmed by the first SUBACK.</summary>
internal sealed class Subscription(string filter, MqttQos qos, ILogger logger, string clientId) : IAckWaiter
{
    private readonly TaskCompletionSource _confirmed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Filter { get; } = filter;

    public MqttQos Qos { get; } = qos;

    /// <summary>Completes at the first SUBACK that grants it; fails when the broker refuses it.</summary>
    public Task Confirmed => _confirmed.Task;

    public void Acknowledged(int code)
    {
        // SUBACK carries the granted QoS, or 0x80 and above for a refusal (0x87 not authorized in MQTT 5).
        if (code >= 0x80)
        {
            MqttLog.SubscriptionRefused(logger, clientId, Filter, code);
            _confirmed.TrySetException(new MqttException($"subscribe to '{Filter}'", $"the broker refused the subscription (code 0x{code:x2}); check the ACL for this user", code, isReasonCode: true));
        }
        else
        {
            _confirmed.TrySetResult();
        }
    }

    public void Failed(Exception error) => _confirmed.TrySetException(error);
}
