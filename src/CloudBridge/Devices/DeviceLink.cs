using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>
/// The bridge's side of the topic contract: one MQTT connection (persistent session) subscribed to every device's
/// reported, online, heartbeat, rejected and logs-response topics, feeding the <see cref="DeviceRegistry"/>; plus
/// the <see cref="DesiredPublisher"/> and the <see cref="LogsClient"/> that use the same connection. It also reads every
/// device's desired topic, so the documents the broker retains (this bridge's own, from before a restart) are known.
/// </summary>
/// <remarks>
/// Incoming messages are handled on the MQTT network thread, before libmosquitto acknowledges them, so a change
/// the broker considers delivered is already in the registry's journal: a crash of the bridge loses none.
/// </remarks>
internal sealed class DeviceLink : IDeviceChannel, IAsyncDisposable
{
    private static readonly string[] Filters =
        [DeviceTopics.AllReported, DeviceTopics.AllOnline, DeviceTopics.AllHeartbeats, DeviceTopics.AllRejected, DeviceTopics.AllLogsResponses, DeviceTopics.AllDesired];

    private readonly DeviceLinkOptions _options;
    private readonly ILogger _logger;
    private readonly MqttClient _client;
    private readonly Action<DesiredState>? _onDesired;
    private Task? _subscribed;

    /// <summary>
    /// Creates the link; nothing connects until <see cref="Start"/>. <paramref name="onDesired"/> receives every desired
    /// document seen on the broker (retained or just published), on the MQTT network thread.
    /// </summary>
    public DeviceLink(DeviceLinkOptions options, DeviceRegistry registry, ILogger logger, TimeProvider time, Action<DesiredState>? onDesired = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger;
        _onDesired = onDesired;
        Registry = registry;
        _client = new MqttClient(options.Mqtt, logger, time, Dispatch);
        Desired = new DesiredPublisher(_client, options.Limits, logger);
        Logs = new LogsClient(_client, options.Limits, options.LogsTimeout, time, logger);
    }

    /// <summary>What every device reported.</summary>
    public DeviceRegistry Registry { get; }

    /// <summary>Publishes desired documents.</summary>
    public DesiredPublisher Desired { get; }

    /// <summary>Asks devices for logs.</summary>
    public LogsClient Logs { get; }

    /// <summary>The MQTT client, for connection state.</summary>
    public MqttClient Client => _client;

    /// <summary>Subscribes and starts connecting (in the background: the bridge runs while the broker is away).</summary>
    public void Start()
    {
        _subscribed = Task.WhenAll(Filters.Select(f => _client.SubscribeAsync(f, MqttQos.AtLeastOnce, CancellationToken.None)));
        _client.Start();
    }

    /// <summary>Completes when the broker has confirmed every subscription.</summary>
    public Task WaitUntilSubscribedAsync(CancellationToken cancellationToken) =>
        (_subscribed ?? throw new InvalidOperationException("the device link was not started")).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) => WaitUntilSubscribedAsync(cancellationToken);

    /// <inheritdoc />
    public bool Fits(DesiredState document, int limit)
    {
        try
        {
            EnvelopeCodec.Encode(document, TopicJsonContext.Default.DesiredState, TopicKind.Desired, limit, "probe");
            return true;
        }
        catch (PayloadTooLargeException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task PublishDesiredAsync(DesiredState document, CancellationToken cancellationToken) => Desired.PublishAsync(document, cancellationToken);

    /// <inheritdoc />
    public Task<LogsResponse> RequestLogsAsync(string deviceId, WorkloadId workload, int? tailLines, long? limitBytes, DateTimeOffset? since, CancellationToken cancellationToken) =>
        Logs.RequestAsync(deviceId, workload, tailLines, limitBytes, since, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _client.DisposeAsync().ConfigureAwait(false);

    // On the MQTT network thread: decode, check, hand to the registry or the logs client. Never throws.
    private void Dispatch(MqttMessage message)
    {
        if (!DeviceTopics.TryParse(message.Topic, out var parsed))
        {
            DeviceLog.ForeignTopic(_logger, message.Topic);
            return;
        }

        var address = parsed.Value;
        var limit = _options.Limits.For(address.Kind);
        var payload = message.Payload;
        switch (address.Kind)
        {
            case TopicKind.Reported when Decode(payload, TopicJsonContext.Default.ReportedChange, address, limit, message.Topic) is { } change:
                Registry.ApplyReported(change);
                break;
            case TopicKind.Online when payload.Length == 0:
                // A cleared retained presence (a device being decommissioned): nothing to record.
                break;
            case TopicKind.Online when Decode(payload, TopicJsonContext.Default.PresenceMessage, address, limit, message.Topic) is { } presence:
                Registry.ApplyPresence(presence);
                break;
            case TopicKind.Heartbeat when Decode(payload, TopicJsonContext.Default.HeartbeatMessage, address, limit, message.Topic) is { } heartbeat:
                Registry.ApplyHeartbeat(heartbeat);
                break;
            case TopicKind.Rejected when Decode(payload, TopicJsonContext.Default.RejectedMessage, address, limit, message.Topic) is { } rejected:
                Registry.ApplyRejected(rejected);
                Logs.OnRejected(rejected);
                break;
            case TopicKind.LogsResponse when Decode(payload, TopicJsonContext.Default.LogsResponse, address, limit, message.Topic) is { } response:
                if (response.RequestId != address.RequestId)
                {
                    Registry.RecordRefused(address.DeviceId, address.Kind, message.Topic, payload.Length, $"request id '{response.RequestId}' does not match the topic's '{address.RequestId}'");
                    break;
                }

                Logs.OnResponse(address.DeviceId, response);
                break;
            case TopicKind.Desired when payload.Length == 0 || _onDesired is null:
                // A cleared retained document (a device being decommissioned), or nobody listening.
                break;
            case TopicKind.Desired:
                if (EnvelopeCodec.TryDecodeDesired(payload, address, limit, out var desired, out var reason)) _onDesired(desired);
                else Registry.RecordRefused(address.DeviceId, address.Kind, message.Topic, payload.Length, reason);
                break;
        }
    }

    private T? Decode<T>(byte[] payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, TopicAddress address, int limit, string topic)
        where T : class, IEnvelope
    {
        if (EnvelopeCodec.TryDecode(payload, type, address, limit, out var value, out var reason)) return value;
        Registry.RecordRefused(address.DeviceId, address.Kind, topic, payload.Length, reason);
        return null;
    }
}
