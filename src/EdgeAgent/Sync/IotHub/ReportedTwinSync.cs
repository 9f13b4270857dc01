using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Sync.IotHub;

/// <summary>
/// Keeps the twin's reported property <c>edgewasm</c> equal to what the outbox's changes add up to, and empties the
/// outbox as the hub confirms: one reported patch in flight at a time, each the difference between the report the hub
/// has and the report of the state with every pending change folded in, and outbox entries acknowledged only up to the
/// sequence of a report the hub answered with 204.
/// </summary>
/// <remarks>
/// Why folding and not one patch per change: a twin is state, not a queue, and twin writes are throttled per hub;
/// the bridge applies reports by (stream, sequence), so a report carrying changes 40..57 at once is applied exactly
/// once, after 39 and before 58. Across a lost connection nothing is assumed: each session starts from the twin the
/// hub returns and the store's state, so a patch that was applied but whose 204 was lost is simply not sent again.
/// </remarks>
internal sealed class ReportedTwinSync
{
    private const int MaxTelemetryBytes = 240 * 1024;
    private readonly IotHubSyncOptions _options;
    private readonly AgentStore _store;
    private readonly string _stream;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Lock _gate = new();
    private RejectedMessage? _rejected;
    private long _delivered;

    public ReportedTwinSync(IotHubSyncOptions options, AgentStore store, string stream, TimeProvider time, ILogger logger)
    {
        _options = options;
        _store = store;
        _stream = stream;
        _time = time;
        _logger = logger;
    }

    /// <summary>Everything up to this sequence is in the twin and gone from the outbox.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Shows a refusal of the device's in the next report.</summary>
    public void Report(RejectedMessage rejected)
    {
        lock (_gate) _rejected = rejected;
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Runs one session on a connection, from the reported properties a twin GET just returned, until the connection or the token ends.</summary>
    /// <exception cref="IotHubConnectionException">The connection dropped.</exception>
    public async Task RunSessionAsync(IotHubDeviceClient device, JsonObject hubReported, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(hubReported);
        var position = await _store.Outbox.GetPositionAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _delivered, position.Acknowledged);
        var hubCopy = hubReported[TwinReport.PropertyName] as JsonObject;
        var unsent = new List<ReportedChange>();
        var state = await StartingStateAsync(hubCopy, unsent, cancellationToken).ConfigureAwait(false);
        // A fresh heartbeat with every session: the bridge sees the device is back.
        state.Heartbeat = new TwinHeartbeat(_time.GetUtcNow(), position.Pending);
        var nextHeartbeat = _time.GetUtcNow() + _options.HeartbeatInterval;
        var failures = 0;
        var minLevel = 0;
        long refusedAt = -1;
        var trimmedTo = 0;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await FoldAsync(state, unsent, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (_rejected is not null) state.Rejected = _rejected;
                _rejected = null;
            }

            if (_time.GetUtcNow() >= nextHeartbeat)
            {
                var pending = (await _store.Outbox.GetPositionAsync(cancellationToken).ConfigureAwait(false)).Last - state.Sequence;
                state.Heartbeat = new TwinHeartbeat(_time.GetUtcNow(), pending);
                nextHeartbeat = _time.GetUtcNow() + _options.HeartbeatInterval;
            }

            var (report, level, size) = TwinReportRenderer.Render(state, _options.ReportedBudget, minLevel);
            var patch = JsonMergePatch.Diff(hubCopy, report);
            if (patch.Count == 0 || refusedAt == state.Sequence)
            {
                // The hub has this state already (or refused it for good): what it holds is delivered.
                await AcknowledgeAsync(state.Sequence, cancellationToken).ConfigureAwait(false);
                unsent.Clear();
                await WaitAsync(state.Sequence, nextHeartbeat, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (level > 0)
            {
                if (level != trimmedTo) IotHubSyncLog.ReportTrimmed(_logger, level, size, _options.ReportedBudget);
                trimmedTo = level;
                await SendTelemetryAsync(device, unsent, "reported-changes", cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var body = new JsonObject { [TwinReport.PropertyName] = patch };
                var version = await device.UpdateReportedAsync(body, cancellationToken).ConfigureAwait(false);
                IotHubSyncLog.ReportDelivered(_logger, state.Sequence, patch.Count, level, version);
                hubCopy = report;
                failures = 0;
                minLevel = 0;
                await AcknowledgeAsync(state.Sequence, cancellationToken).ConfigureAwait(false);
                unsent.Clear();
            }
            catch (IotHubStatusException ex) when (ex.IsTransient)
            {
                var delay = _options.Backoff(failures++);
                IotHubSyncLog.Retrying(_logger, ex.Operation, ex.Status, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (IotHubStatusException ex) when (ex.Status == 400 && level < TwinReportRenderer.MaxLevel)
            {
                // Refused as it is: try once more as small as it gets before giving up on this state.
                minLevel = TwinReportRenderer.MaxLevel;
            }
            catch (IotHubStatusException ex) when (ex.Status == 400)
            {
                refusedAt = state.Sequence;
                minLevel = 0;
                IotHubSyncLog.ReportRefused(_logger, state.Sequence, ex.Message);
                await SendTelemetryAsync(device, unsent, "refused-changes", cancellationToken).ConfigureAwait(false);
                unsent.Clear();
                hubCopy = await ReportRefusalAsync(device, hubCopy, new TwinRefusal(state.Sequence, ex.Message, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                // Applied or not, nobody knows: the hub's copy tells.
                IotHubSyncLog.RequestLost(_logger, "reported properties patch", ex.Message);
                hubCopy = (await device.GetTwinAsync(cancellationToken).ConfigureAwait(false)).Reported[TwinReport.PropertyName] as JsonObject;
            }
        }
    }

    private async Task<TwinState> StartingStateAsync(JsonObject? hubCopy, List<ReportedChange> pending, CancellationToken cancellationToken)
    {
        var state = await TwinState.FromStoreAsync(_store, _options.DeviceId, _stream, pending, cancellationToken).ConfigureAwait(false);
        TwinReport? hub = null;
        try
        {
            hub = hubCopy?.Deserialize(IotHubJsonContext.Default.TwinReport);
        }
        catch (JsonException)
        {
            // Not ours, or from an older agent: it is replaced by the diff.
        }

        if (hub?.Stream == _stream && hub.Sequence > state.Sequence) IotHubSyncLog.HubAhead(_logger, hub.Sequence, state.Sequence);
        // What the outbox no longer holds but the twin shows stays shown.
        state.Device ??= hub?.Device;
        state.Rejected = hub?.Rejected;
        state.Refused = hub?.Refused;
        return state;
    }

    private async Task FoldAsync(TwinState state, List<ReportedChange> unsent, CancellationToken cancellationToken)
    {
        var entries = await _store.Outbox.PeekAsync(_options.MaxFold, state.Sequence, cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            ReportedChange change;
            try
            {
                change = ReportedChanges.FromOutbox(entry, _options.DeviceId, _stream);
            }
            catch (FormatException ex)
            {
                // Nothing makes this entry readable; holding it would stop every later change.
                SyncLog.PoisonEntry(_logger, entry.Sequence, ex.Message);
                state.Skip(entry.Sequence, entry.CreatedAt);
                continue;
            }

            state.Apply(change);
            unsent.Add(change);
        }
    }

    private async Task WaitAsync(long sequence, DateTimeOffset nextHeartbeat, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var due = nextHeartbeat - _time.GetUtcNow();
        var entries = _store.Outbox.WaitForEntriesAsync(sequence, stop.Token);
        var woken = _wake.Reader.WaitToReadAsync(stop.Token).AsTask();
        var heartbeat = Task.Delay(due > TimeSpan.Zero ? due : TimeSpan.Zero, _time, stop.Token);
        await Task.WhenAny(entries, woken, heartbeat).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(entries, woken, heartbeat).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        _wake.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task AcknowledgeAsync(long sequence, CancellationToken cancellationToken)
    {
        if (sequence <= Delivered) return;
        await _store.Outbox.AcknowledgeAsync(sequence, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _delivered, sequence);
    }

    // The refusal itself, as a small patch of its own; if even that fails, the log and the telemetry keep it.
    private async Task<JsonObject?> ReportRefusalAsync(IotHubDeviceClient device, JsonObject? hubCopy, TwinRefusal refusal, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.SerializeToNode(refusal, IotHubJsonContext.Default.TwinRefusal)!;
        try
        {
            await device.UpdateReportedAsync(new JsonObject { [TwinReport.PropertyName] = new JsonObject { ["refused"] = value.DeepClone() } }, cancellationToken).ConfigureAwait(false);
            var copy = (JsonObject?)hubCopy?.DeepClone() ?? [];
            copy["refused"] = value;
            return copy;
        }
        catch (IotHubStatusException ex)
        {
            IotHubSyncLog.TelemetryFailed(_logger, ex, "the refusal");
            return hubCopy;
        }
    }

    // Best effort: the twin is what the bridge reads; telemetry is for whoever routes the hub's events.
    private async Task SendTelemetryAsync(IotHubDeviceClient device, List<ReportedChange> changes, string kind, CancellationToken cancellationToken)
    {
        if (!_options.TelemetryWhenTrimmed || changes.Count == 0) return;
        var batch = new List<ReportedChange>();
        var size = 2;
        foreach (var change in changes)
        {
            var one = JsonSerializer.SerializeToUtf8Bytes(change, IotHubJsonContext.Default.ReportedChange).Length + 1;
            if (batch.Count > 0 && size + one > MaxTelemetryBytes)
            {
                await SendBatchAsync(device, batch, kind, cancellationToken).ConfigureAwait(false);
                batch.Clear();
                size = 2;
            }

            batch.Add(change);
            size += one;
        }

        await SendBatchAsync(device, batch, kind, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendBatchAsync(IotHubDeviceClient device, List<ReportedChange> batch, string kind, CancellationToken cancellationToken)
    {
        try
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes([.. batch], IotHubJsonContext.Default.ReportedChangeArray);
            await device.SendTelemetryAsync(payload, new Dictionary<string, string> { ["edgewasm"] = kind, ["stream"] = _stream }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IotHubConnectionException or Protocol.Mqtt.MqttException)
        {
            IotHubSyncLog.TelemetryFailed(_logger, ex, $"{batch.Count} changes");
        }
    }
}
