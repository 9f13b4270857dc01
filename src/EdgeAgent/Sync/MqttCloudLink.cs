using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>
/// The agent's MQTT link. Subscribes to its desired and logs/req topics on a persistent session; stores each newer
/// desired document before the broker gets its PUBACK; drains the outbox in order; announces presence (retained,
/// with an offline last will, both carrying the device's facts); sends heartbeats; answers logs requests; refuses and
/// reports bad payloads.
/// </summary>
/// <remarks>
/// Why the desired document is stored on the MQTT network thread: libmosquitto queues the QoS 1 PUBACK in the
/// message callback and writes it only after the callback returns, so the store commit (synchronous=FULL) happens
/// before the broker may forget the message. Should the agent still lose a document (the store failed, or a crash
/// right after a commit that was not yet fsynced), the document is retained on the broker: every SUBSCRIBE, which
/// the link sends on each connect and again after a store failure, brings the newest one back.
/// </remarks>
internal sealed class MqttCloudLink : ICloudLink
{
    private readonly MqttSyncOptions _options;
    private readonly AgentStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DeviceTopics _topics;
    private readonly Channel<DesiredState> _desired = Channel.CreateBounded<DesiredState>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Channel<LogsRequest> _logRequests = Channel.CreateUnbounded<LogsRequest>();
    private readonly Channel<RejectedMessage> _rejections = Channel.CreateUnbounded<RejectedMessage>();
    private readonly Channel<bool> _resubscribe = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly LogsResponder _responder;
    private MqttClient? _client;
    private OutboxDrainer? _drainer;
    private DeviceInfo? _device;
    private long _refused;

    /// <summary>Creates the link; <see cref="RunAsync"/> connects.</summary>
    public MqttCloudLink(MqttSyncOptions options, AgentStore store, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _store = store;
        _time = time;
        _logger = logger;
        _topics = new DeviceTopics(options.DeviceId);
        _responder = new LogsResponder(store, options.Limits);
    }

    /// <inheritdoc />
    public ChannelReader<DesiredState> DesiredDocuments => _desired.Reader;

    /// <inheritdoc />
    public bool IsConnected => _client?.IsConnected ?? false;

    /// <inheritdoc />
    public long DeliveredSequence => _drainer?.Delivered ?? 0;

    /// <summary>Payloads the agent refused (malformed, oversized, for another device).</summary>
    public long RefusedPayloads => Interlocked.Read(ref _refused);

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var stream = await OutboxStream.GetOrCreateAsync(_store, cancellationToken).ConfigureAwait(false);
        var position = await _store.Outbox.GetPositionAsync(cancellationToken).ConfigureAwait(false);
        SyncLog.Starting(_logger, _options.DeviceId, stream, position.Pending, position.Acknowledged);

        _device = await LoadDeviceInfoAsync(cancellationToken).ConfigureAwait(false);
        var will = Encode(new PresenceMessage { DeviceId = _options.DeviceId, Online = false, Device = _device }, TopicJsonContext.Default.PresenceMessage, TopicKind.Online, "the last will");
        var mqtt = _options.Mqtt with { CleanSession = false, LastWill = new MqttLastWill(_topics.Online, will, MqttQos.AtLeastOnce, Retain: true) };
        await using var client = new MqttClient(mqtt, _logger, _time, OnMessage);
        _client = client;
        var subscriptions = Task.WhenAll(
            client.SubscribeAsync(_topics.Desired, MqttQos.AtLeastOnce, cancellationToken),
            client.SubscribeAsync(_topics.LogsRequest, MqttQos.AtLeastOnce, cancellationToken));
        _drainer = new OutboxDrainer(_store.Outbox, (e, ct) => PublishChangeAsync(e, stream, ct), _options.DrainWindow, _options.RetryDelay, _time, _logger);
        client.Start();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = new[]
        {
            _drainer.RunAsync(stop.Token),
            AnnouncePresenceAsync(client, stop.Token),
            HeartbeatAsync(client, stop.Token),
            AnswerLogsAsync(client, stop.Token),
            ReportRejectionsAsync(client, stop.Token),
            ResubscribeAsync(client, stop.Token),
        };
        try
        {
            // Whichever loop ends first (cancellation, or a fault) ends them all.
            await Task.WhenAny(loops).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await SayGoodbyeAsync(client).ConfigureAwait(false);
            await Task.WhenAll(loops.Append(subscriptions)).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        foreach (var loop in loops)
        {
            if (loop.IsFaulted) await loop.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    // On the MQTT network thread, before libmosquitto sends the PUBACK. Never throws.
    private void OnMessage(MqttMessage message)
    {
        if (!DeviceTopics.TryParse(message.Topic, out var parsed) || parsed.Value.DeviceId != _options.DeviceId
            || parsed.Value.Kind is not (TopicKind.Desired or TopicKind.LogsRequest))
        {
            // Only reachable through a broker that delivers what we did not subscribe to; nobody to answer.
            Interlocked.Increment(ref _refused);
            SyncLog.Refused(_logger, parsed?.Kind ?? TopicKind.Rejected, message.Payload.Length, message.Topic, "not a topic this device subscribes to");
            return;
        }

        var address = parsed.Value;
        if (address.Kind == TopicKind.Desired)
        {
            // An empty retained message means the cloud cleared the document: there is nothing to apply.
            if (message.Payload.Length == 0) return;
            if (!EnvelopeCodec.TryDecodeDesired(message.Payload, address, _options.Limits.Desired, out var desired, out var reason))
            {
                Refuse(TopicKind.Desired, message, reason);
                return;
            }

            if (DesiredChecks.Problem(desired, _options.DeviceId) is { } problem)
            {
                Refuse(TopicKind.Desired, message, problem);
                return;
            }

            StoreDesired(desired);
        }
        else if (address.Kind == TopicKind.LogsRequest)
        {
            if (!EnvelopeCodec.TryDecode(message.Payload, TopicJsonContext.Default.LogsRequest, address, _options.Limits.Small, out var request, out var reason))
            {
                Refuse(TopicKind.LogsRequest, message, reason);
                return;
            }

            _logRequests.Writer.TryWrite(request);
        }
    }

    private void StoreDesired(DesiredState desired)
    {
        try
        {
            // Blocking on purpose: the commit must finish before this callback returns and the PUBACK goes out.
            if (_store.Desired.SaveAsync(desired, CancellationToken.None).GetAwaiter().GetResult())
            {
                SyncLog.DesiredStored(_logger, desired.Version, desired.Workloads.Count);
                _desired.Writer.TryWrite(desired);
            }
            else
            {
                SyncLog.DesiredNotNewer(_logger, desired.Version);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SyncLog.DesiredStoreFailed(_logger, ex, desired.Version);
            _resubscribe.Writer.TryWrite(true);
        }
    }

    private void Refuse(TopicKind channel, MqttMessage message, string reason)
    {
        Interlocked.Increment(ref _refused);
        SyncLog.Refused(_logger, channel, message.Payload.Length, message.Topic, reason);
        _rejections.Writer.TryWrite(new RejectedMessage
        {
            DeviceId = _options.DeviceId,
            Channel = channel,
            Reason = reason,
            Version = channel == TopicKind.Desired && long.TryParse(Peek(message.Payload, "version"u8), out var version) ? version : null,
            RequestId = channel == TopicKind.LogsRequest && Peek(message.Payload, "requestId"u8) is { Length: <= 64 } id ? id : null,
            PayloadBytes = message.Payload.Length,
            At = _time.GetUtcNow(),
        });
    }

    private Task PublishChangeAsync(OutboxEntry entry, string stream, CancellationToken cancellationToken)
    {
        byte[] payload;
        try
        {
            var change = ReportedChanges.FromOutbox(entry, _options.DeviceId, stream);
            payload = Encode(change, TopicJsonContext.Default.ReportedChange, TopicKind.Reported, $"outbox entry {entry.Sequence}");
        }
        catch (Exception ex) when (ex is FormatException or PayloadTooLargeException)
        {
            // Nothing can make this entry deliverable; holding it would stop every later change. The cloud sees
            // the missing sequence as a recorded gap.
            SyncLog.PoisonEntry(_logger, entry.Sequence, ex.Message);
            return Task.CompletedTask;
        }

        return _client!.PublishAsync(_topics.Reported, payload, MqttQos.AtLeastOnce, retain: false, cancellationToken);
    }

    private async Task AnnouncePresenceAsync(MqttClient client, CancellationToken cancellationToken)
    {
        await foreach (var e in client.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (e is not MqttConnected) continue;
            await TryPublishAsync(client, _topics.Online, Presence(online: true), MqttQos.AtLeastOnce, retain: true, "presence", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HeartbeatAsync(MqttClient client, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!client.IsConnected) continue;
            var position = await _store.Outbox.GetPositionAsync(cancellationToken).ConfigureAwait(false);
            var heartbeat = new HeartbeatMessage
            {
                DeviceId = _options.DeviceId,
                SentAt = _time.GetUtcNow(),
                AppliedVersion = await _store.Desired.GetVersionAsync(cancellationToken).ConfigureAwait(false),
                OutboxPending = position.Pending,
            };
            var payload = Encode(heartbeat, TopicJsonContext.Default.HeartbeatMessage, TopicKind.Heartbeat, "a heartbeat");
            // QoS 0: a lost heartbeat is replaced by the next one.
            await TryPublishAsync(client, _topics.Heartbeat, payload, MqttQos.AtMostOnce, retain: false, "a heartbeat", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AnswerLogsAsync(MqttClient client, CancellationToken cancellationToken)
    {
        await foreach (var request in _logRequests.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (request.ExpiresAt is { } expires && expires < _time.GetUtcNow())
            {
                SyncLog.LogsRequestExpired(_logger, request.RequestId, expires);
                continue;
            }

            try
            {
                var answer = await _responder.AnswerAsync(request, cancellationToken).ConfigureAwait(false);
                await client.PublishAsync(_topics.LogsResponse(request.RequestId), answer, MqttQos.AtLeastOnce, retain: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SyncLog.LogsAnswerFailed(_logger, ex, request.RequestId);
            }
        }
    }

    private async Task ReportRejectionsAsync(MqttClient client, CancellationToken cancellationToken)
    {
        await foreach (var rejected in _rejections.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var payload = Encode(rejected, TopicJsonContext.Default.RejectedMessage, TopicKind.Rejected, "a rejection");
            await TryPublishAsync(client, _topics.Rejected, payload, MqttQos.AtLeastOnce, retain: false, "a rejection", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ResubscribeAsync(MqttClient client, CancellationToken cancellationToken)
    {
        await foreach (var _ in _resubscribe.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(_options.RetryDelay, _time, cancellationToken).ConfigureAwait(false);
            try
            {
                // A new SUBSCRIBE makes the broker send the retained desired document again.
                await client.SubscribeAsync(_topics.Desired, MqttQos.AtLeastOnce, cancellationToken).ConfigureAwait(false);
            }
            catch (MqttException ex)
            {
                SyncLog.PublishFailed(_logger, ex, "a new subscription to the desired topic");
                _resubscribe.Writer.TryWrite(true);
            }
        }
    }

    // A clean stop: say offline ourselves (the will is only for deaths), then the client's DISCONNECT.
    private async Task SayGoodbyeAsync(MqttClient client)
    {
        if (!client.IsConnected) return;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await TryPublishAsync(client, _topics.Online, Presence(online: false), MqttQos.AtLeastOnce, retain: true, "presence", patience.Token).ConfigureAwait(false);
    }

    private async Task TryPublishAsync(MqttClient client, string topic, byte[] payload, MqttQos qos, bool retain, string what, CancellationToken cancellationToken)
    {
        try
        {
            await client.PublishAsync(topic, payload, qos, retain, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttException or ObjectDisposedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            SyncLog.PublishFailed(_logger, ex, what);
        }
        catch (OperationCanceledException)
        {
            // Stopping, or out of patience for the goodbye.
        }
    }

    private byte[] Presence(bool online) =>
        Encode(new PresenceMessage { DeviceId = _options.DeviceId, Online = online, At = _time.GetUtcNow(), AgentVersion = _options.AgentVersion, Device = _device },
            TopicJsonContext.Default.PresenceMessage, TopicKind.Online, "presence");

    // What the announcer recorded at start (null for a store that never announced, e.g. a bare link in tests).
    private async Task<DeviceInfo?> LoadDeviceInfoAsync(CancellationToken cancellationToken)
    {
        var json = await _store.Metadata.GetAsync(MetadataKeys.DeviceInfo, cancellationToken).ConfigureAwait(false);
        if (json is null) return null;
        try
        {
            return JsonSerializer.Deserialize(json, TopicJsonContext.Default.DeviceInfo);
        }
        catch (JsonException ex)
        {
            // Only presence loses the facts; the outbox reports them on their own.
            SyncLog.PublishFailed(_logger, ex, "the device info in presence messages");
            return null;
        }
    }

    private byte[] Encode<T>(T value, JsonTypeInfo<T> type, TopicKind channel, string what) =>
        EnvelopeCodec.Encode(value, type, channel, _options.Limits.For(channel), what);

    // Best effort, for the rejection message: a top-level string or number of a payload that may be malformed.
    private static string? Peek(byte[] payload, ReadOnlySpan<byte> name)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            while (reader.Read())
            {
                if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(name)) continue;
                if (!reader.Read()) return null;
                return reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => null,
                };
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed past the property we wanted: nothing to report.
        }

        return null;
    }
}
