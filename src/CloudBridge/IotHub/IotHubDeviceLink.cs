using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.IotHub;

/// <summary>
/// The bridge's side of IoT Hub: writes desired documents into twins (creating device identities on demand, with
/// If-Match so a concurrent writer is never overwritten blindly), reads every twin through the query API on an
/// interval (or one twin on demand) into the <see cref="DeviceRegistry"/>, and asks devices for logs with the
/// <c>getLogs</c> direct method.
/// </summary>
/// <remarks>
/// Liveness comes from the twin: a device the hub calls connected is seen at every read; a new heartbeat in its
/// report counts as hearing from it too. A report is applied by (stream, sequence) like any change, so reading the
/// same twin again changes nothing.
/// </remarks>
internal sealed class IotHubDeviceLink : IDeviceChannel, IDisposable
{
    private const int MaxConflicts = 5;
    private readonly IotHubServiceOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _seenReported = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _seenDesired = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<DesiredState>? _onDesired;
    private CancellationTokenSource? _stop;
    private Task _polling = Task.CompletedTask;

    /// <summary>
    /// Creates the link; <paramref name="handler"/> replaces the HTTPS handler. <paramref name="onDesired"/> receives the
    /// desired document each twin holds, whenever its desired properties change (the bridge's own, from before a restart).
    /// </summary>
    public IotHubDeviceLink(IotHubServiceOptions options, DeviceRegistry registry, ILogger logger, TimeProvider time, HttpMessageHandler? handler = null, Action<DesiredState>? onDesired = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        if (options.PollInterval * 2 > registry.HeartbeatTimeout)
        {
            throw new ArgumentException($"the twin poll interval {options.PollInterval} must be at most half the heartbeat timeout {registry.HeartbeatTimeout}, or connected devices look silent between reads");
        }

        _options = options;
        _logger = logger;
        _time = time;
        _onDesired = onDesired;
        Registry = registry;
        Service = new IotHubServiceClient(options, time, handler);
    }

    /// <summary>What every device reported.</summary>
    public DeviceRegistry Registry { get; }

    /// <summary>The service API.</summary>
    public IotHubServiceClient Service { get; }

    /// <inheritdoc />
    public void Start()
    {
        if (_stop is not null) return;
        _stop = new CancellationTokenSource();
        _polling = RunAsync(_stop.Token);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is null) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _polling.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public bool Fits(DesiredState document, int limit)
    {
        try
        {
            DesiredTwin.Encode(document, Math.Min(limit, _options.Limits.Desired), _options.DesiredBudget);
            return true;
        }
        catch (PayloadTooLargeException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    Task<LogsResponse> IDeviceChannel.RequestLogsAsync(string deviceId, WorkloadId workload, int? tailLines, long? limitBytes, DateTimeOffset? since, CancellationToken cancellationToken) =>
        RequestLogsAsync(deviceId, workload, tailLines, limitBytes, since, cancellationToken);

    /// <summary>
    /// Writes <paramref name="desired"/> into its device's twin, unless the twin holds that version or a newer one.
    /// </summary>
    /// <exception cref="PayloadTooLargeException">The document does not fit the twin, even compressed.</exception>
    public async Task PublishDesiredAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentOutOfRangeException.ThrowIfLessThan(desired.Version, 1, nameof(desired));
        var property = DesiredTwin.Encode(desired, _options.Limits.Desired, _options.DesiredBudget);
        var size = DesiredTwin.PropertyName.Length + TwinSize.Measure(property);
        await EnsureDeviceAsync(desired.DeviceId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var twin = await Service.GetTwinAsync(desired.DeviceId, cancellationToken).ConfigureAwait(false);
            if (twin.Desired[DesiredTwin.PropertyName]?["version"] is JsonValue existing && existing.TryGetValue<long>(out var version) && version >= desired.Version)
            {
                IotHubBridgeLog.DesiredNotNewer(_logger, desired.DeviceId, version, desired.Version);
                return;
            }

            try
            {
                await Service.UpdateDesiredAsync(desired.DeviceId, new JsonObject { [DesiredTwin.PropertyName] = property.DeepClone() }, twin.Etag, cancellationToken).ConfigureAwait(false);
                IotHubBridgeLog.DesiredWritten(_logger, desired.DeviceId, desired.Version, size);
                return;
            }
            catch (IotHubServiceException ex) when (ex.Status == HttpStatusCode.PreconditionFailed && attempt < MaxConflicts)
            {
                IotHubBridgeLog.TwinConflict(_logger, desired.DeviceId);
            }
        }
    }

    /// <summary>Asks a device for a workload's logs with the <c>getLogs</c> direct method.</summary>
    /// <exception cref="TimeoutException">The device is not connected, or did not answer in time.</exception>
    /// <exception cref="LogsRequestRejectedException">The device refused the request.</exception>
    public async Task<LogsResponse> RequestLogsAsync(string deviceId, WorkloadId workload, int? tailLines, long? limitBytes, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var request = new LogsMethodRequest { Workload = workload, TailLines = tailLines, LimitBytes = limitBytes, Since = since };
        MethodResult result;
        try
        {
            result = await Service.InvokeMethodAsync(deviceId, DirectMethods.GetLogs, JsonSerializer.SerializeToNode(request, IotHubJsonContext.Default.LogsMethodRequest), _options.LogsTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (IotHubServiceException ex) when (ex.DeviceDidNotAnswer)
        {
            throw new TimeoutException($"device {deviceId} did not answer the logs request for {workload} within {_options.LogsTimeout.TotalSeconds:0.#} s; is it online?", ex);
        }

        if (result.Status != DirectMethods.Ok)
        {
            var reason = result.Payload is JsonObject o && o["error"] is JsonValue error ? error.ToString() : $"status {result.Status}";
            throw new LogsRequestRejectedException(deviceId, reason);
        }

        LogsResponse? response = null;
        try
        {
            response = result.Payload?.Deserialize(TopicJsonContext.Default.LogsResponse);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            // Refused below.
        }

        if (response is null || response.Problem(deviceId) is not null) throw new LogsRequestRejectedException(deviceId, "the device's answer is not a logs response");
        return response;
    }

    /// <summary>Reads every twin once into the registry.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var count = 0;
        await foreach (var twin in Service.QueryTwinsAsync("SELECT * FROM devices", cancellationToken).ConfigureAwait(false))
        {
            Apply(twin);
            count++;
        }

        var elapsed = _time.GetElapsedTime(started);
        IotHubBridgeLog.Polled(_logger, count, elapsed);
        _ready.TrySetResult();
    }

    /// <summary>Reads one device's twin into the registry (after writing its desired state, say).</summary>
    public async Task RefreshAsync(string deviceId, CancellationToken cancellationToken) =>
        Apply(await Service.GetTwinAsync(deviceId, cancellationToken).ConfigureAwait(false));

    /// <summary>Polls on <see cref="IotHubServiceOptions.PollInterval"/> until cancelled; failures are logged and retried.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            var delay = _options.PollInterval;
            try
            {
                await PollAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                delay = TimeSpan.FromTicks(Math.Min(_options.PollInterval.Ticks << Math.Min(failures++, 5), TimeSpan.FromMinutes(5).Ticks));
                IotHubBridgeLog.PollFailed(_logger, ex, delay);
            }

            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop?.Cancel();
        _stop?.Dispose();
        Service.Dispose();
    }

    /// <summary>Maps one twin into the registry: its report (once per reported version), heartbeat, refusal and presence.</summary>
    internal void Apply(TwinDocument twin)
    {
        ArgumentNullException.ThrowIfNull(twin);
        var id = twin.DeviceId;
        var reportedVersion = TwinProperties.VersionOf(twin.Reported);
        var fresh = _seenReported.TryGetValue(id, out var seen) is false || seen != reportedVersion;
        _seenReported[id] = reportedVersion;
        var desiredVersion = TwinProperties.VersionOf(twin.Desired);
        if (_onDesired is not null && (!_seenDesired.TryGetValue(id, out var known) || known != desiredVersion))
        {
            _seenDesired[id] = desiredVersion;
            if (DesiredTwin.Read(twin.Desired, id, _options.Limits.Desired).Document is { } document) _onDesired(document);
        }

        var hasReport = twin.Reported[TwinReport.PropertyName] is not null;
        // Devices of the hub that never ran the agent are not ours to show.
        if (!hasReport && Registry.Get(id) is null) return;
        if (hasReport && fresh && Read(twin) is { } report)
        {
            Registry.ApplyReport(id, report);
            var record = Registry.Get(id);
            if (report.Heartbeat is { } heartbeat && record?.LastHeartbeat?.SentAt != heartbeat.SentAt)
            {
                // A heartbeat the bridge has not seen was written since the last read: the device spoke.
                Registry.ApplyHeartbeat(new HeartbeatMessage { DeviceId = id, SentAt = heartbeat.SentAt, AppliedVersion = report.AppliedVersion, OutboxPending = heartbeat.OutboxPending });
            }

            if (report.Rejected is { } rejected && rejected != record?.LastRejection) Registry.ApplyRejected(rejected);
        }

        // The hub's word on the connection; "connected" at this read counts as hearing from the device.
        Registry.ApplyPresence(new PresenceMessage { DeviceId = id, Online = twin.Connected, At = twin.LastActivityTime });
    }

    private TwinReport? Read(TwinDocument twin)
    {
        var node = twin.Reported[TwinReport.PropertyName];
        string? problem;
        TwinReport? report = null;
        try
        {
            report = node?.Deserialize(IotHubJsonContext.Default.TwinReport);
            problem = report is null ? "the report is null" : report.Problem(twin.DeviceId);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            problem = "malformed report: " + ex.Message;
        }

        if (problem is null) return report;
        Registry.RecordRefused(twin.DeviceId, TopicKind.Reported, $"twin {twin.DeviceId} reported.{TwinReport.PropertyName}", (int)TwinSize.Measure(node), problem);
        return null;
    }

    private async Task EnsureDeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (!_options.CreateDevices || _known.ContainsKey(deviceId)) return;
        var (_, created) = await Service.EnsureDeviceAsync(deviceId, cancellationToken).ConfigureAwait(false);
        _known[deviceId] = true;
        if (created) IotHubBridgeLog.DeviceCreated(_logger, deviceId);
    }
}
