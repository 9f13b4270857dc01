using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using EdgeWasm.Protocol.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>
/// A device's side of IoT Hub's MQTT protocol over the libmosquitto binding: connects with a SAS token it signs
/// itself (renewed by connecting again before it expires) or an X.509 certificate, subscribes to twin responses,
/// desired-property notifications and direct methods, and offers twin GET, reported PATCH, method answers and
/// telemetry. What arrives comes out of <see cref="Events"/> in order.
/// </summary>
/// <remarks>
/// Twin requests go out at QoS 0 and are answered on <c>$iothub/twin/res/…</c>: the answer is the acknowledgement,
/// so a request is never queued across a reconnect (where its answer would be lost anyway); a request without an
/// answer when the connection drops fails with <see cref="IotHubConnectionException"/>, and the caller asks again.
/// </remarks>
public sealed class IotHubDeviceClient
{
    private static readonly string[] Filters = [IotHubTopics.TwinResponses, IotHubTopics.DesiredPatches, IotHubTopics.MethodRequests];

    private readonly IotHubDeviceOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<IotHubDeviceEvent> _events = Channel.CreateUnbounded<IotHubDeviceEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TwinResponse>> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private MqttClient? _client;
    private bool _connected;
    private long _nextRequest;
    private int _connections;

    /// <summary>Creates the client; <see cref="RunAsync"/> connects.</summary>
    public IotHubDeviceClient(IotHubDeviceOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Connections, disconnections, desired patches and method calls, in order. Completes when <see cref="RunAsync"/> ends.</summary>
    public ChannelReader<IotHubDeviceEvent> Events => _events.Reader;

    /// <summary>Whether the hub accepted the current connection.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate) return _connected;
        }
    }

    /// <summary>How many connections the hub accepted so far (token renewals and reconnects count).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The device.</summary>
    public string DeviceId => _options.DeviceId;

    /// <summary>Connects, renews and reconnects until <paramref name="cancellationToken"/> is cancelled; then disconnects cleanly.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var refusals = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var expiresAt = _time.GetUtcNow() + _options.TokenLifetime;
                var password = _options.SharedAccessKey is { } key
                    ? SharedAccessSignature.Create(SharedAccessSignature.DeviceResource(_options.HostName, _options.DeviceId), key, expiresAt)
                    : null;
                var renewIn = password is null ? Timeout.InfiniteTimeSpan : _options.TokenLifetime - _options.RenewBefore;
                var client = new MqttClient(_options.MqttFor(password), _logger, _time);
                int? refused;
                try
                {
                    lock (_gate) _client = client;
                    foreach (var filter in Filters)
                    {
                        ObserveSubscription(client.SubscribeAsync(filter, MqttQos.AtLeastOnce, CancellationToken.None), filter);
                    }

                    client.Start();
                    refused = await PumpAsync(client, renewIn, cancellationToken).ConfigureAwait(false);
                    if (refused is null && !cancellationToken.IsCancellationRequested) IotHubLog.RenewingToken(_logger, _options.DeviceId, expiresAt);
                }
                finally
                {
                    lock (_gate) _client = null;
                    Lost(cancellationToken.IsCancellationRequested ? "the device client stopped" : "connecting again with a new token");
                    await client.DisposeAsync().ConfigureAwait(false);
                }

                if (refused is not { } code)
                {
                    refusals = 0;
                    continue;
                }

                // The hub refused the token (expired, say, after the device's clock was set): sign a new one, patiently.
                var delay = TimeSpan.FromTicks(Math.Min(_options.ReconnectDelay.Ticks << Math.Min(refusals++, 16), _options.MaxReconnectDelay.Ticks));
                IotHubLog.CredentialsRefused(_logger, _options.DeviceId, code, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _events.Writer.TryComplete();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The whole twin (desired and reported properties).</summary>
    /// <exception cref="IotHubStatusException">The hub answered other than 200 (429 throttled, 5xx).</exception>
    /// <exception cref="IotHubConnectionException">Not connected, or the connection dropped before the answer.</exception>
    /// <exception cref="TimeoutException">No answer within the request timeout.</exception>
    public async Task<TwinProperties> GetTwinAsync(CancellationToken cancellationToken)
    {
        const string Operation = "twin GET";
        var response = await RequestAsync(IotHubTopics.TwinGet, [], Operation, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200) throw new IotHubStatusException(Operation, response.Status, Detail(response.Body));
        try
        {
            var twin = JsonNode.Parse(response.Body) as JsonObject ?? throw new JsonException("not an object");
            return new TwinProperties(twin["desired"] as JsonObject ?? [], twin["reported"] as JsonObject ?? []);
        }
        catch (JsonException ex)
        {
            throw new IotHubStatusException(Operation, response.Status, "the twin is not a JSON object: " + ex.Message);
        }
    }

    /// <summary>Patches the reported properties; returns their new version.</summary>
    /// <exception cref="IotHubStatusException">The hub refused (400: malformed or over the 32 KB limit; 429: throttled; 5xx).</exception>
    /// <exception cref="IotHubConnectionException">Not connected, or the connection dropped before the answer.</exception>
    /// <exception cref="TimeoutException">No answer within the request timeout.</exception>
    public async Task<long> UpdateReportedAsync(JsonObject patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        const string Operation = "reported properties patch";
        var body = Encoding.UTF8.GetBytes(patch.ToJsonString());
        var response = await RequestAsync(IotHubTopics.ReportedPatch, body, Operation, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204) throw new IotHubStatusException(Operation, response.Status, Detail(response.Body));
        return response.Version ?? throw new IotHubStatusException(Operation, response.Status, "the answer has no $version");
    }

    /// <summary>Answers a direct method call.</summary>
    public Task RespondToMethodAsync(string requestId, int status, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return PublishAsync(IotHubTopics.MethodResponse(status, requestId), payload, MqttQos.AtMostOnce, "method answer", cancellationToken);
    }

    /// <summary>Sends a device-to-cloud message (QoS 1: completes at the hub's PUBACK), with application properties.</summary>
    public Task SendTelemetryAsync(ReadOnlyMemory<byte> payload, IReadOnlyDictionary<string, string>? properties, CancellationToken cancellationToken)
    {
        // JSON in UTF-8, so routing queries can read the body.
        var bag = new StringBuilder("$.ct=application%2Fjson&$.ce=utf-8");
        foreach (var (name, value) in properties ?? new Dictionary<string, string>())
        {
            bag.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return PublishAsync(IotHubTopics.Telemetry(_options.DeviceId, bag.ToString()), payload, MqttQos.AtLeastOnce, "telemetry", cancellationToken);
    }

    private async Task<int?> PumpAsync(MqttClient client, TimeSpan renewIn, CancellationToken cancellationToken)
    {
        using var renew = new CancellationTokenSource(renewIn, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, renew.Token);
        try
        {
            await foreach (var e in client.Events.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                switch (e)
                {
                    case MqttConnected connected:
                        lock (_gate) _connected = true;
                        Interlocked.Increment(ref _connections);
                        IotHubLog.Connected(_logger, _options.DeviceId, _options.HostName, connected.SessionPresent);
                        _events.Writer.TryWrite(new IotHubConnected(connected.SessionPresent));
                        break;
                    case MqttDisconnected disconnected:
                        Lost(disconnected.Reason.Message);
                        // 4 (bad username or password) and 5 (not authorized): the same token will not do better.
                        if (_options.SharedAccessKey is not null && disconnected.Reason.ReasonCode is (4 or 5) and var code) return code;
                        break;
                    case MqttMessage message:
                        Route(message);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Time to renew the token, or stopping.
        }

        return null;
    }

    private void Route(MqttMessage message)
    {
        if (IotHubTopics.TryParseTwinResponse(message.Topic, out var status, out var rid, out var version))
        {
            if (_pending.TryRemove(rid, out var waiting)) waiting.TrySetResult(new TwinResponse(status, version, message.Payload));
            else IotHubLog.LateResponse(_logger, _options.DeviceId, rid);
        }
        else if (IotHubTopics.TryParseDesiredPatch(message.Topic, out var desiredVersion))
        {
            JsonObject? patch = null;
            try
            {
                patch = JsonNode.Parse(message.Payload) as JsonObject;
            }
            catch (JsonException)
            {
                // Reported below; the agent's next twin GET brings the desired properties anyway.
            }

            if (patch is null) IotHubLog.BadDesiredPatch(_logger, _options.DeviceId, message.Topic);
            else _events.Writer.TryWrite(new IotHubDesiredPatch(desiredVersion, patch));
        }
        else if (IotHubTopics.TryParseMethodRequest(message.Topic, out var name, out var methodRid))
        {
            _events.Writer.TryWrite(new IotHubMethodCall(name, methodRid, message.Payload));
        }
        else
        {
            IotHubLog.UnexpectedTopic(_logger, _options.DeviceId, message.Topic);
        }
    }

    private async Task<TwinResponse> RequestAsync(Func<string, string> topic, byte[] body, string operation, CancellationToken cancellationToken)
    {
        var rid = Interlocked.Increment(ref _nextRequest).ToString(CultureInfo.InvariantCulture);
        var waiting = new TaskCompletionSource<TwinResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[rid] = waiting;
        try
        {
            await PublishAsync(topic(rid), body, MqttQos.AtMostOnce, operation, cancellationToken).ConfigureAwait(false);
            return await waiting.Task.WaitAsync(_options.RequestTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"IoT Hub did not answer the {operation} within {_options.RequestTimeout.TotalSeconds:0.#} s", ex);
        }
        finally
        {
            _pending.TryRemove(rid, out _);
        }
    }

    private async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQos qos, string operation, CancellationToken cancellationToken)
    {
        MqttClient? client;
        lock (_gate) client = _connected ? _client : null;
        if (client is null) throw new IotHubConnectionException($"the {operation} cannot be sent: device {_options.DeviceId} is not connected to IoT Hub");
        try
        {
            await client.PublishAsync(topic, payload, qos, retain: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttException or ObjectDisposedException)
        {
            throw new IotHubConnectionException($"the {operation} could not be sent: {ex.Message}", ex);
        }
    }

    // The connection is gone: nobody will answer the requests still waiting.
    private void Lost(string reason)
    {
        bool was;
        lock (_gate)
        {
            was = _connected;
            _connected = false;
        }

        foreach (var rid in _pending.Keys)
        {
            if (_pending.TryRemove(rid, out var waiting)) waiting.TrySetException(new IotHubConnectionException($"the connection to IoT Hub was lost before it answered: {reason}"));
        }

        if (!was) return;
        IotHubLog.Disconnected(_logger, _options.DeviceId, reason);
        _events.Writer.TryWrite(new IotHubDisconnected(reason));
    }

    private void ObserveSubscription(Task subscription, string filter) =>
        _ = subscription.ContinueWith(
            t =>
            {
                if (t.Exception?.GetBaseException() is MqttException ex) IotHubLog.SubscriptionRefused(_logger, ex, _options.DeviceId, filter);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static string? Detail(byte[] body) => body.Length == 0 ? null : Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 500));

    private readonly record struct TwinResponse(int Status, long? Version, byte[] Body);
}
