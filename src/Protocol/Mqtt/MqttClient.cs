using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.Protocol.Mqtt;

/// <summary>
/// A thin, safe MQTT client over libmosquitto. One network thread per client runs <c>mosquitto_loop</c>, reconnects
/// with back-off and re-sends the CONNECT properties every time; what happens on the connection comes out of
/// <see cref="Events"/> (or an inline handler) in order. Publishes complete when the broker acknowledges them.
/// </summary>
/// <remarks>
/// Why our own network thread rather than <c>mosquitto_loop_start</c>: libmosquitto's automatic reconnect
/// (<c>mosquitto_reconnect</c>) sends CONNECT without properties, so an MQTT 5 persistent session would get a
/// session expiry of 0 and be dropped by the broker at the first network failure; and falling back from MQTT 5
/// to 3.1.1 needs a new CONNECT with another protocol level. The thread is joined before the native handle and the
/// GCHandle are freed, so no callback can reach a disposed client.
/// </remarks>
public sealed unsafe class MqttClient : IDisposable, IAsyncDisposable
{
    private const int LoopTimeoutMs = 1000;
    private static long s_liveHandles;

    private readonly MqttClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action<MqttMessage>? _inlineHandler;
    private readonly Channel<MqttClientEvent> _events = Channel.CreateUnbounded<MqttClientEvent>();
    // Held around every libmosquitto call made from a caller's thread and around (re)connects: connecting recreates
    // the socket pair libmosquitto writes to when another thread queues a packet.
    private readonly Lock _apiGate = new();
    // Guards the fields below; never held while waiting for anything else.
    private readonly Lock _stateGate = new();
    private readonly PendingAcks _publishAcks = new();
    private readonly PendingAcks _subscribeAcks = new();
    private readonly Queue<PublishRequest> _offline = new();
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private nint _handle;
    private GCHandle _self;
    private nint _connectProperties;
    private Thread? _thread;
    private bool _disposed;
    private bool _connected;
    private bool _connackAccepted;
    private bool _connackPending;
    private int? _refusedCode;
    private string? _lastLibraryError;
    private int _protocol;
    private TaskCompletionSource _connectedSignal = NewSignal();

    /// <summary>Creates a client; nothing connects until <see cref="Start"/> or <see cref="ConnectAsync"/>.</summary>
    /// <param name="options">Where and how to connect; validated here.</param>
    /// <param name="logger">Receives connection changes and libmosquitto's own log lines (at Debug).</param>
    /// <param name="time">Clock for reconnect back-off.</param>
    /// <param name="inlineHandler">
    /// When given, every received message is handed to it on the network thread instead of <see cref="Events"/>.
    /// libmosquitto sends the QoS 1 PUBACK only after it returns, so work done here happens before the broker
    /// forgets the message. It must be short and must not wait for this client.
    /// </param>
    public MqttClient(MqttClientOptions options, ILogger? logger = null, TimeProvider? time = null, Action<MqttMessage>? inlineHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _inlineHandler = inlineHandler;
        _protocol = options.ProtocolVersion == MqttProtocolVersion.V311 ? LibMosquitto.ProtocolV311 : LibMosquitto.ProtocolV5;
        MosquittoLibrary.EnsureInitialized();

        _self = GCHandle.Alloc(this);
        Interlocked.Increment(ref s_liveHandles);
        try
        {
            _handle = LibMosquitto.mosquitto_new(options.ClientId, options.CleanSession, GCHandle.ToIntPtr(_self));
            if (_handle == 0) throw new MqttException("create client", $"mosquitto_new refused client id '{options.ClientId}' ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastSystemError())})");
            Configure();
        }
        catch
        {
            ReleaseNative();
            throw;
        }
    }

    /// <summary>GCHandles currently held by clients in this process (a leak shows as a number that never returns to 0).</summary>
    internal static long LiveHandleCount => Interlocked.Read(ref s_liveHandles);

    /// <summary>Connections, disconnections and (without an inline handler) messages, in order. Completes on dispose.</summary>
    public ChannelReader<MqttClientEvent> Events => _events.Reader;

    /// <summary>Whether a connection is up and accepting publishes directly.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_stateGate) return _connected;
        }
    }

    /// <summary>The protocol this client speaks now (after a fallback, 3.1.1).</summary>
    public MqttProtocolVersion Protocol => Volatile.Read(ref _protocol) == LibMosquitto.ProtocolV5 ? MqttProtocolVersion.V5 : MqttProtocolVersion.V311;

    /// <summary>The client id the broker knows us by.</summary>
    public string ClientId => _options.ClientId;

    /// <summary>Starts the network thread. Idempotent.</summary>
    public void Start()
    {
        lock (_stateGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_thread is not null) return;
            _thread = new Thread(RunNetwork) { IsBackground = true, Name = "mqtt " + _options.ClientId };
            _thread.Start();
        }
    }

    /// <summary>Starts the client and waits for the first accepted connection.</summary>
    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        Start();
        return WaitUntilConnectedAsync(cancellationToken);
    }

    /// <summary>Completes when a connection is up (at once if it is).</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken)
    {
        Task signal;
        lock (_stateGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            signal = _connectedSignal.Task;
        }

        return signal.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Publishes a message. QoS 1 and 2 complete when the broker acknowledges; while disconnected they are queued
    /// and sent, in order, after the next CONNACK. QoS 0 completes when written, and fails when not connected.
    /// Cancelling stops the wait, not the delivery.
    /// </summary>
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQos qos, bool retain, CancellationToken cancellationToken)
    {
        MqttTopics.ValidateTopicName(topic);
        if (qos is < MqttQos.AtMostOnce or > MqttQos.ExactlyOnce) throw new ArgumentOutOfRangeException(nameof(qos), qos, "QoS must be 0, 1 or 2");
        var request = new PublishRequest(topic, payload.ToArray(), qos, retain, Protocol == MqttProtocolVersion.V5);
        if (QueueWhileOffline(request)) return request.Completion.WaitAsync(cancellationToken);

        lock (_apiGate)
        {
            // The connection may have dropped while we waited for the gate.
            if (QueueWhileOffline(request)) return request.Completion.WaitAsync(cancellationToken);
            Send(request);
        }

        return request.Completion.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Subscribes, and keeps the subscription: it is sent again on every reconnect. Completes at the broker's SUBACK
    /// (after the next connect when offline); fails when the broker refuses it. Subscribing again to the same filter
    /// makes the broker send its retained messages again.
    /// </summary>
    public Task SubscribeAsync(string filter, MqttQos qos, CancellationToken cancellationToken)
    {
        MqttTopics.ValidateTopicFilter(filter);
        var subscription = new Subscription(filter, qos, _logger, _options.ClientId);
        lock (_stateGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _subscriptions[filter] = subscription;
            if (!_connected) return subscription.Confirmed.WaitAsync(cancellationToken);
        }

        lock (_apiGate)
        {
            lock (_stateGate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_connected) return subscription.Confirmed.WaitAsync(cancellationToken);
            }

            Send(subscription);
        }

        return subscription.Confirmed.WaitAsync(cancellationToken);
    }

    /// <summary>Disconnects cleanly (no last will), stops the network thread, and frees libmosquitto's resources.</summary>
    public void Dispose()
    {
        Thread? thread;
        lock (_stateGate)
        {
            if (_disposed) return;
            _disposed = true;
            _connected = false;
            thread = _thread;
        }

        _stop.Cancel();
        if (thread is null)
        {
            Teardown();
            return;
        }

        // Wakes the network thread out of select() and says goodbye so the broker does not publish our will. When
        // the network thread holds the gate it is connecting; it sees the stop request as soon as that returns.
        if (_apiGate.TryEnter())
        {
            try
            {
                // NO_CONN just means there is no connection to close; the thread stops either way.
                _ = LibMosquitto.mosquitto_disconnect(_handle);
            }
            finally
            {
                _apiGate.Exit();
            }
        }

        if (thread != Thread.CurrentThread) thread.Join();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(Task.Run(Dispose));

    internal void OnConnack(int code, int flags)
    {
        lock (_stateGate)
        {
            if (_disposed) return;
            if (code != 0)
            {
                _refusedCode = code;
                return;
            }

            _connackAccepted = true;
            _connackPending = true;
            // Written here, on the network thread, so it precedes any message of this session in Events.
            _events.Writer.TryWrite(new MqttConnected((flags & 1) != 0, Protocol));
        }

        MqttLog.Connected(_logger, _options.ClientId, _options.Host, _options.Port, Protocol, (flags & 1) != 0);
    }

    internal void OnDisconnect()
    {
        lock (_stateGate)
        {
            _connected = false;
            if (_connectedSignal.Task.IsCompleted) _connectedSignal = NewSignal();
        }
    }

    internal void OnPublished(int mid, int reasonCode) => _publishAcks.Acknowledge(mid, reasonCode);

    internal void OnSubscribed(int mid, int grantedQos) => _subscribeAcks.Acknowledge(mid, grantedQos);

    internal void OnMessage(NativeMessage* native)
    {
        lock (_stateGate)
        {
            if (_disposed) return;
        }

        var topic = Marshal.PtrToStringUTF8(native->Topic) ?? "";
        var payload = native->PayloadLength == 0 ? [] : new ReadOnlySpan<byte>((void*)native->Payload, native->PayloadLength).ToArray();
        var message = new MqttMessage(topic, payload, (MqttQos)native->Qos, native->Retain != 0);
        if (_inlineHandler is null)
        {
            _events.Writer.TryWrite(message);
            return;
        }

        try
        {
            _inlineHandler(message);
        }
        catch (Exception ex)
        {
            MqttLog.InlineHandlerFailed(_logger, ex, _options.ClientId, topic);
        }
    }

    internal void OnLibraryLog(int level, string text)
    {
        if ((level & (LibMosquitto.LogError | LibMosquitto.LogWarning)) != 0) Volatile.Write(ref _lastLibraryError, text);
        MqttLog.Library(_logger, _options.ClientId, text);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Configure()
    {
        var h = _handle;
        MqttException.ThrowIfFailed(LibMosquitto.mosquitto_threaded_set(h, true), "set threaded mode");
        MqttException.ThrowIfFailed(LibMosquitto.mosquitto_int_option(h, LibMosquitto.OptSendMaximum, _options.MaxInflight), "set the in-flight limit");
        MqttException.ThrowIfFailed(LibMosquitto.mosquitto_int_option(h, LibMosquitto.OptTcpNoDelay, 1), "set TCP_NODELAY");
        if (_options.Username is not null)
        {
            MqttException.ThrowIfFailed(LibMosquitto.mosquitto_username_pw_set(h, _options.Username, _options.Password), "set username and password");
        }

        if (_options.Tls is { } tls)
        {
            MqttException.ThrowIfFailed(LibMosquitto.mosquitto_tls_set(h, tls.CaFile, tls.CaDirectory, tls.CertificateFile, tls.KeyFile, 0), "configure TLS (CA, certificate, key)");
            // 1 = SSL_VERIFY_PEER: the broker's chain must verify against the CA.
            MqttException.ThrowIfFailed(LibMosquitto.mosquitto_tls_opts_set(h, 1, tls.TlsVersion, null), "configure TLS options");
            // Insecure mode would skip the host name check; we never allow it.
            MqttException.ThrowIfFailed(LibMosquitto.mosquitto_tls_insecure_set(h, false), "enable TLS host name verification");
            if (tls.Alpn is not null) MqttException.ThrowIfFailed(LibMosquitto.mosquitto_string_option(h, LibMosquitto.OptTlsAlpn, tls.Alpn), "set TLS ALPN");
        }

        if (_options.LastWill is { } will)
        {
            fixed (byte* payload = will.Payload.Span)
            {
                MqttException.ThrowIfFailed(LibMosquitto.mosquitto_will_set(h, will.Topic, will.Payload.Length, payload, (int)will.Qos, will.Retain), $"set last will on '{will.Topic}'");
            }
        }

        if (!_options.CleanSession)
        {
            var seconds = (uint)Math.Min(_options.SessionExpiry.TotalSeconds, uint.MaxValue);
            MqttException.ThrowIfFailed(LibMosquitto.mosquitto_property_add_int32(ref _connectProperties, LibMosquitto.PropSessionExpiryInterval, seconds), "set the session expiry interval");
        }

        NativeCallbacks.Register(h);
    }

    // Queues a QoS 1/2 publish while there is no connection; the network thread sends the queue after CONNACK.
    private bool QueueWhileOffline(PublishRequest request)
    {
        lock (_stateGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connected) return false;
            if (request.Qos == MqttQos.AtMostOnce)
            {
                request.Failed(new MqttException($"publish to '{request.Topic}'", "not connected to the broker (QoS 0 messages are not queued)", (int)MosquittoError.NoConn, isReasonCode: false));
            }
            else
            {
                _offline.Enqueue(request);
            }

            return true;
        }
    }

    private void Send(PublishRequest request)
    {
        int rc, mid;
        fixed (byte* payload = request.Payload)
        {
            rc = LibMosquitto.mosquitto_publish(_handle, out mid, request.Topic, request.Payload.Length, payload, (int)request.Qos, request.Retain);
        }

        // NO_CONN for QoS > 0 still leaves the message in libmosquitto's queue: it is sent after the reconnect.
        if (rc == 0 || (rc == (int)MosquittoError.NoConn && request.Qos != MqttQos.AtMostOnce)) _publishAcks.Attach(mid, request);
        else request.Failed(MqttException.FromCode($"publish to '{request.Topic}'", rc));
    }

    private void Send(Subscription subscription)
    {
        var rc = LibMosquitto.mosquitto_subscribe(_handle, out var mid, subscription.Filter, (int)subscription.Qos);
        if (rc == 0) _subscribeAcks.Attach(mid, subscription);
        else if (rc != (int)MosquittoError.NoConn) subscription.Failed(MqttException.FromCode($"subscribe to '{subscription.Filter}'", rc));
        // NO_CONN: the connection dropped under us; the subscription is sent again after the reconnect.
    }

    private void RunNetwork()
    {
        var failures = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var (rc, osError) = Connect();
                if (rc == 0) (rc, osError) = Pump();
                bool wasConnected;
                lock (_stateGate)
                {
                    wasConnected = _connackAccepted;
                    _connected = false;
                    if (_connectedSignal.Task.IsCompleted) _connectedSignal = NewSignal();
                }

                if (_stop.IsCancellationRequested) break;
                if (_options.ProtocolVersion == MqttProtocolVersion.Auto && _protocol == LibMosquitto.ProtocolV5
                    && _refusedCode is 1 or 0x84)
                {
                    // A 3.1.1 broker answers a v5 CONNECT with "unacceptable protocol version" (libmosquitto reports 0x84).
                    Volatile.Write(ref _protocol, LibMosquitto.ProtocolV311);
                    MqttLog.ProtocolFallback(_logger, _options.ClientId);
                    continue;
                }

                failures = wasConnected ? 1 : failures + 1;
                var delay = ReconnectBackoff.Delay(failures, _options.ReconnectDelay, _options.MaxReconnectDelay, _options.ClientId);
                var reason = DescribeFailure(rc, osError);
                MqttLog.Disconnected(_logger, _options.ClientId, reason.Message, delay);
                _events.Writer.TryWrite(new MqttDisconnected(reason, wasConnected, delay));
                Sleep(delay);
            }
        }
        finally
        {
            CloseGracefully();
            Teardown();
        }
    }

    private (int Rc, int OsError) Connect()
    {
        lock (_apiGate)
        {
            lock (_stateGate)
            {
                _refusedCode = null;
                _connackAccepted = false;
                _connackPending = false;
            }

            Volatile.Write(ref _lastLibraryError, null);
            if (_stop.IsCancellationRequested) return ((int)MosquittoError.NoConn, 0);
            var rc = LibMosquitto.mosquitto_int_option(_handle, LibMosquitto.OptProtocolVersion, _protocol);
            if (rc != 0) return (rc, 0);
            var properties = _protocol == LibMosquitto.ProtocolV5 ? _connectProperties : 0;
            // Blocking TCP connect (and CONNECT sent); the CONNACK is read by mosquitto_loop.
            rc = LibMosquitto.mosquitto_connect_bind_v5(_handle, _options.Host, _options.Port, (int)_options.KeepAlive.TotalSeconds, null, properties);
            return (rc, rc == 0 ? 0 : Marshal.GetLastPInvokeError());
        }
    }

    private (int Rc, int OsError) Pump()
    {
        while (!_stop.IsCancellationRequested)
        {
            var rc = LibMosquitto.mosquitto_loop(_handle, LoopTimeoutMs, 1);
            if (rc != 0) return (rc, Marshal.GetLastPInvokeError());
            if (Volatile.Read(ref _connackPending)) OpenSession();
        }

        return (0, 0);
    }

    // After CONNACK has been fully handled (libmosquitto has re-queued its unacknowledged messages by now):
    // subscribe, send what was queued while offline, and only then let callers publish directly, so order holds.
    private void OpenSession()
    {
        lock (_stateGate)
        {
            _connackPending = false;
            if (_disposed) return;
            foreach (var subscription in _subscriptions.Values)
            {
                Send(subscription);
            }

            while (_offline.TryDequeue(out var request))
            {
                Send(request);
            }

            _connected = true;
            _connectedSignal.TrySetResult();
        }
    }

    private MqttException DescribeFailure(int rc, int osError)
    {
        var operation = $"connect to {_options.Host}:{_options.Port} as '{_options.ClientId}'";
        if (_refusedCode is { } code)
        {
            return new MqttException(operation, $"the broker refused the connection: {MosquittoLibrary.ReasonText(code, _protocol == LibMosquitto.ProtocolV5)} (code {code})", code, isReasonCode: true);
        }

        return MqttException.FromCode(operation, rc, osError, Volatile.Read(ref _lastLibraryError));
    }

    private void Sleep(TimeSpan delay)
    {
        try
        {
            Task.Delay(delay, _time, _stop.Token).Wait();
        }
        catch (AggregateException ex) when (ex.InnerException is OperationCanceledException)
        {
            // Disposed while waiting to reconnect.
        }
    }

    private void CloseGracefully()
    {
        // DISCONNECT tells the broker not to publish our will; give the packet up to a second to leave.
        lock (_apiGate)
        {
            if (LibMosquitto.mosquitto_disconnect(_handle) != 0) return;
        }

        var deadline = _time.GetTimestamp() + _time.TimestampFrequency;
        while (_time.GetTimestamp() < deadline && LibMosquitto.mosquitto_loop(_handle, 100, 1) == 0)
        {
        }
    }

    private void Teardown()
    {
        var gone = new ObjectDisposedException(nameof(MqttClient), $"MQTT client '{_options.ClientId}' was disposed before the broker answered");
        _events.Writer.TryComplete();
        _publishAcks.FailAll(gone);
        _subscribeAcks.FailAll(gone);
        lock (_stateGate)
        {
            while (_offline.TryDequeue(out var request))
            {
                request.Failed(gone);
            }

            foreach (var subscription in _subscriptions.Values)
            {
                subscription.Failed(gone);
            }

            _connectedSignal.TrySetException(gone);
        }

        lock (_apiGate)
        {
            ReleaseNative();
        }

        _stop.Dispose();
    }

    private void ReleaseNative()
    {
        if (_handle != 0)
        {
            LibMosquitto.mosquitto_destroy(_handle);
            _handle = 0;
        }

        if (_connectProperties != 0) LibMosquitto.mosquitto_property_free_all(ref _connectProperties);
        if (_self.IsAllocated)
        {
            _self.Free();
            Interlocked.Decrement(ref s_liveHandles);
        }
    }
}
