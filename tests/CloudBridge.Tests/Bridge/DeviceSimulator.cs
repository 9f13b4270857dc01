using System.Collections.Concurrent;
using System.Text.Json;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;
using EdgeWasm.Protocol.Profiles;
using EdgeWasm.TestSupport;

namespace EdgeWasm.CloudBridge.Tests.Bridge;

/// <summary>
/// Devices at the MQTT level, as agents speak the topic contract: presence, DeviceInfo, heartbeats, reported workload
/// changes with (stream, sequence), answers to logs requests; and every desired document they receive. One
/// connection speaks for all of them (the test broker is anonymous, so no ACL stands in the way), so hundreds of
/// devices cost one network thread.
/// </summary>
internal sealed class DeviceSimulator : IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly string _stream = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, long> _sequence = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<DesiredState>> _desired = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _beating = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private readonly Task _heartbeats;

    private DeviceSimulator(MqttClient client, TimeSpan heartbeatInterval)
    {
        _client = client;
        _pump = PumpAsync(_stop.Token);
        _heartbeats = HeartbeatLoopAsync(heartbeatInterval, _stop.Token);
    }

    /// <summary>Answers logs requests: (device, request) → the response, or null to stay silent.</summary>
    public Func<string, LogsRequest, LogsResponse?>? Logs { get; set; }

    /// <summary>Runs for every desired document received (after it is recorded), e.g. to play an agent that runs what it is told.</summary>
    public Func<DeviceSimulator, DesiredState, Task>? OnDesired { get; set; }

    /// <summary>Logs requests received, by device.</summary>
    public ConcurrentQueue<(string Device, LogsRequest Request)> LogsRequests { get; } = new();

    /// <summary>Connects to <paramref name="broker"/> and subscribes to every device's desired and logs request topics.</summary>
    public static async Task<DeviceSimulator> StartAsync(MosquittoFixture broker, TimeSpan? heartbeatInterval = null)
    {
        var client = new MqttClient(broker.ClientOptions("device-simulator-" + Guid.NewGuid().ToString("N")[..8]));
        client.Start();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await client.SubscribeAsync(DeviceTopics.AllDesired, MqttQos.AtLeastOnce, cts.Token);
        await client.SubscribeAsync(DeviceTopics.Root + "/+/logs/req", MqttQos.AtLeastOnce, cts.Token);
        return new DeviceSimulator(client, heartbeatInterval ?? TimeSpan.FromMilliseconds(250));
    }

    /// <summary>The address every simulated device advertises (its pods' hostIP and podIP).</summary>
    public const string Address = "192.168.50.11";

    /// <summary>A device comes up: online presence, its DeviceInfo from <paramref name="profile"/>, and heartbeats from now on.</summary>
    public async Task AnnounceAsync(string deviceId, HardwareProfile profile, string agentVersion = "0.1.0")
    {
        var topics = new DeviceTopics(deviceId);
        await PublishAsync(topics.Online, new PresenceMessage { DeviceId = deviceId, Online = true, At = DateTimeOffset.UtcNow, AgentVersion = agentVersion },
            TopicJsonContext.Default.PresenceMessage, retain: true);
        await ChangeAsync(deviceId, ReportedChangeKind.DeviceInfo, c => c with
        {
            Device = new DeviceInfo { Arch = profile.Arch, Profile = profile.Name, Capacity = profile.Allocatable, AgentVersion = agentVersion, OperatingSystem = "Debian GNU/Linux 12", Addresses = [Address] },
        });
        await HeartbeatAsync(deviceId);
        _beating[deviceId] = 0;
    }

    /// <summary>Stops the heartbeats of a device (it goes silent, as when its link drops).</summary>
    public void Silence(string deviceId) => _beating.TryRemove(deviceId, out _);

    /// <summary>Resumes the heartbeats of a device.</summary>
    public async Task ResumeAsync(string deviceId)
    {
        await HeartbeatAsync(deviceId);
        _beating[deviceId] = 0;
    }

    /// <summary>One heartbeat.</summary>
    public Task HeartbeatAsync(string deviceId, long appliedVersion = 0) =>
        PublishAsync(new DeviceTopics(deviceId).Heartbeat, new HeartbeatMessage { DeviceId = deviceId, SentAt = DateTimeOffset.UtcNow, AppliedVersion = appliedVersion },
            TopicJsonContext.Default.HeartbeatMessage, retain: false, MqttQos.AtMostOnce);

    /// <summary>The device says it stored desired version <paramref name="version"/>.</summary>
    public Task AppliedAsync(string deviceId, long version) => ChangeAsync(deviceId, ReportedChangeKind.AppliedVersion, c => c with { AppliedVersion = version });

    /// <summary>The device reports a workload's status.</summary>
    public Task ReportAsync(string deviceId, WorkloadStatus status) => ChangeAsync(deviceId, ReportedChangeKind.WorkloadStatus, c => c with { Workload = status });

    /// <summary>The device reports a workload gone.</summary>
    public Task RemovedAsync(string deviceId, WorkloadId workload) => ChangeAsync(deviceId, ReportedChangeKind.WorkloadRemoved, c => c with { RemovedWorkload = workload });

    /// <summary>The device's presence goes offline, as its last will says when its connection dies.</summary>
    public Task OfflineAsync(string deviceId)
    {
        Silence(deviceId);
        return PublishAsync(new DeviceTopics(deviceId).Online, new PresenceMessage { DeviceId = deviceId, Online = false }, TopicJsonContext.Default.PresenceMessage, retain: true);
    }

    /// <summary>Every desired document the device received, in order.</summary>
    public IReadOnlyList<DesiredState> Received(string deviceId)
    {
        var list = _desired.GetOrAdd(deviceId, _ => []);
        lock (list) return [.. list];
    }

    /// <summary>Waits for a desired document of <paramref name="deviceId"/> that matches.</summary>
    public async Task<DesiredState> WaitForDesiredAsync(string deviceId, Func<DesiredState, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var all = Received(deviceId);
            var hit = all.Count > 0 ? all[^1] : null;
            if (hit is not null && (match is null || match(hit))) return hit;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no matching desired document for {deviceId}; last: {(hit is null ? "none" : JsonSerializer.Serialize(hit, TopicJsonContext.Default.DesiredState))}");
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Reports every workload of <paramref name="desired"/> Running (pulled digest, a start time), then the applied version: what an agent does.</summary>
    public async Task RunAllAsync(DesiredState desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        foreach (var w in desired.Workloads)
        {
            await ReportAsync(desired.DeviceId, Running(w));
        }

        await AppliedAsync(desired.DeviceId, desired.Version);
    }

    /// <summary>A running status for <paramref name="spec"/>.</summary>
    public static WorkloadStatus Running(WorkloadSpec spec, int restarts = 0) => new()
    {
        Id = spec.Id,
        PodUid = spec.PodUid,
        State = WorkloadState.Running,
        RestartCount = restarts,
        StartedAt = DateTimeOffset.UtcNow.AddMilliseconds(-5),
        ImageDigest = spec.Digest ?? ContentDigest.Compute(System.Text.Encoding.UTF8.GetBytes(spec.Image)),
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_pump, _heartbeats);
        }
        catch (OperationCanceledException)
        {
        }

        await _client.DisposeAsync();
        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task ChangeAsync(string deviceId, ReportedChangeKind kind, Func<ReportedChange, ReportedChange> fill)
    {
        var change = fill(new ReportedChange
        {
            DeviceId = deviceId,
            Stream = _stream,
            Sequence = _sequence.AddOrUpdate(deviceId, 1, (_, s) => s + 1),
            ObservedAt = DateTimeOffset.UtcNow,
            Kind = kind,
        });
        await PublishAsync(new DeviceTopics(deviceId).Reported, change, TopicJsonContext.Default.ReportedChange, retain: false);
    }

    private async Task PublishAsync<T>(string topic, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, bool retain, MqttQos qos = MqttQos.AtLeastOnce)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _client.PublishAsync(topic, JsonSerializer.SerializeToUtf8Bytes(value, type), qos, retain, cts.Token);
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        await foreach (var e in _client.Events.ReadAllAsync(cancellationToken))
        {
            if (e is not MqttMessage message || !DeviceTopics.TryParse(message.Topic, out var parsed) || message.Payload.Length == 0) continue;
            var address = parsed.Value;
            if (address.Kind == TopicKind.Desired && EnvelopeCodec.TryDecodeDesired(message.Payload, address, PayloadLimits.Default.Desired, out var desired, out _))
            {
                var list = _desired.GetOrAdd(address.DeviceId, _ => []);
                lock (list) list.Add(desired);
                _arrived.Release();
                if (OnDesired is { } handler) await handler(this, desired);
            }
            else if (address.Kind == TopicKind.LogsRequest && JsonSerializer.Deserialize(message.Payload, TopicJsonContext.Default.LogsRequest) is { } request)
            {
                LogsRequests.Enqueue((address.DeviceId, request));
                if (Logs?.Invoke(address.DeviceId, request) is { } response)
                {
                    await PublishAsync(new DeviceTopics(address.DeviceId).LogsResponse(request.RequestId), response, TopicJsonContext.Default.LogsResponse, retain: false);
                }
            }
        }
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            foreach (var id in _beating.Keys)
            {
                try
                {
                    await HeartbeatAsync(id);
                }
                catch (MqttException)
                {
                    // QoS 0 while reconnecting: the next heartbeat makes up for it.
                }
            }
        }
    }
}
