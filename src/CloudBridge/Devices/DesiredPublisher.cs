using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>
/// Publishes devices' desired documents: the whole document, retained, QoS 1, so a device that connects later
/// (or reconnects without its session) still gets the newest one. A document over the size limit is refused
/// with <see cref="PayloadTooLargeException"/>, never cut.
/// </summary>
internal sealed class DesiredPublisher(MqttClient client, PayloadLimits limits, ILogger logger)
{
    /// <summary>Publishes <paramref name="desired"/>; completes when the broker has stored it (PUBACK).</summary>
    public async Task PublishAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var topics = new DeviceTopics(desired.DeviceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(desired.Version, 1, nameof(desired));
        var payload = EnvelopeCodec.Encode(
            desired,
            TopicJsonContext.Default.DesiredState,
            TopicKind.Desired,
            limits.Desired,
            $"the desired document version {desired.Version} for device {desired.DeviceId}");
        await client.PublishAsync(topics.Desired, payload, MqttQos.AtLeastOnce, retain: true, cancellationToken).ConfigureAwait(false);
        DeviceLog.DesiredPublished(logger, desired.DeviceId, desired.Version, payload.Length);
    }

    /// <summary>Removes the retained document of a device that is gone (an empty retained message clears it).</summary>
    public Task ClearAsync(string deviceId, CancellationToken cancellationToken) =>
        client.PublishAsync(new DeviceTopics(deviceId).Desired, ReadOnlyMemory<byte>.Empty, MqttQos.AtLeastOnce, retain: true, cancellationToken);
}
