using System.Text.Json;
using System.Threading.Channels;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Sync.IotHub;

/// <summary>
/// The agent's link through Azure IoT Hub: desired documents from the twin's desired properties (whole after every
/// connect, then notification by notification in version order), reported changes from the outbox into the twin's
/// reported properties (acknowledged at 204), direct methods <c>getLogs</c>, <c>restartWorkload</c> and <c>ping</c>,
/// and telemetry for what a trimmed report leaves out. The connection, its SAS token renewal and the twin requests
/// are <see cref="IotHubDeviceClient"/>'s.
/// </summary>
internal sealed class IotHubCloudLink : ICloudLink
{
    private readonly IotHubSyncOptions _options;
    private readonly AgentStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IWorkloadControl? _control;
    private readonly Channel<DesiredState> _desired = Channel.CreateBounded<DesiredState>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Channel<IotHubMethodCall> _calls = Channel.CreateUnbounded<IotHubMethodCall>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<bool> _refresh = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private IotHubDeviceClient? _device;
    private ReportedTwinSync? _reported;
    private DesiredTwinTracker? _tracker;

    /// <summary>Creates the link; <see cref="RunAsync"/> connects.</summary>
    public IotHubCloudLink(IotHubSyncOptions options, AgentStore store, TimeProvider time, ILogger logger, IWorkloadControl? control = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _store = store;
        _time = time;
        _logger = logger;
        _control = control;
    }

    /// <inheritdoc />
    public ChannelReader<DesiredState> DesiredDocuments => _desired.Reader;

    /// <inheritdoc />
    public bool IsConnected => _device?.IsConnected ?? false;

    /// <inheritdoc />
    public long DeliveredSequence => _reported?.Delivered ?? 0;

    /// <summary>Desired documents the agent refused (malformed, tampered, for another device, too large).</summary>
    public long RefusedPayloads => _tracker?.Refused ?? 0;

    /// <summary>Connections the hub accepted so far.</summary>
    public int Connections => _device?.Connections ?? 0;

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var stream = await OutboxStream.GetOrCreateAsync(_store, cancellationToken).ConfigureAwait(false);
        var position = await _store.Outbox.GetPositionAsync(cancellationToken).ConfigureAwait(false);
        SyncLog.Starting(_logger, _options.DeviceId, stream, position.Pending, position.Acknowledged);
        _reported = new ReportedTwinSync(_options, _store, stream, _time, _logger);
        using var tracker = new DesiredTwinTracker(_options.DeviceId, _store, _options.Limits, _desired.Writer, _reported.Report, _time, _logger);
        _tracker = tracker;
        _device = new IotHubDeviceClient(_options.Device, _logger, _time);
        var responder = new MethodResponder(_store, _control, _options.DeviceId, _options.AgentVersion, _options.Limits, _time);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = new[]
        {
            _device.RunAsync(stop.Token),
            HandleEventsAsync(_device, tracker, stop.Token),
            AnswerMethodsAsync(_device, responder, stop.Token),
        };
        try
        {
            // Whichever loop ends first (cancellation, or a fault) ends them all.
            await Task.WhenAny(loops).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(loops).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        foreach (var loop in loops)
        {
            if (loop.IsFaulted) await loop.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task HandleEventsAsync(IotHubDeviceClient device, DesiredTwinTracker tracker, CancellationToken cancellationToken)
    {
        CancellationTokenSource? session = null;
        var running = Task.CompletedTask;
        try
        {
            await foreach (var e in device.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (e)
                {
                    case IotHubConnected:
                        await EndAsync(session, running).ConfigureAwait(false);
                        session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        running = RunSessionsAsync(device, tracker, session.Token);
                        break;
                    case IotHubDisconnected:
                        await EndAsync(session, running).ConfigureAwait(false);
                        session = null;
                        await tracker.InvalidateAsync(cancellationToken).ConfigureAwait(false);
                        break;
                    case IotHubDesiredPatch patch:
                        if (await tracker.OnPatchAsync(patch, cancellationToken).ConfigureAwait(false)) _refresh.Writer.TryWrite(true);
                        break;
                    case IotHubMethodCall call:
                        _calls.Writer.TryWrite(call);
                        break;
                }
            }
        }
        finally
        {
            await EndAsync(session, running).ConfigureAwait(false);
        }
    }

    // One connection's work: the twin, then the reported sync and desired refreshes, until the connection ends.
    private async Task RunSessionsAsync(IotHubDeviceClient device, DesiredTwinTracker tracker, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var twin = await GetTwinAsync(device, cancellationToken).ConfigureAwait(false);
                if (await tracker.OnFullAsync(twin.Desired, twin.DesiredVersion, cancellationToken).ConfigureAwait(false)) _refresh.Writer.TryWrite(true);
                using var inner = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var refreshing = RefreshDesiredAsync(device, tracker, inner.Token);
                try
                {
                    await _reported!.RunSessionAsync(device, twin.Reported, inner.Token).ConfigureAwait(false);
                }
                finally
                {
                    await inner.CancelAsync().ConfigureAwait(false);
                    await refreshing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (IotHubConnectionException)
            {
                // The connection is gone; the next one starts a new session.
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var delay = _options.Backoff(failures++);
                IotHubSyncLog.SessionFailed(_logger, ex, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // A missed notification (or a document the store could not take) is made good by fetching the whole twin.
    private async Task RefreshDesiredAsync(IotHubDeviceClient device, DesiredTwinTracker tracker, CancellationToken cancellationToken)
    {
        await foreach (var _ in _refresh.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var twin = await GetTwinAsync(device, cancellationToken).ConfigureAwait(false);
            if (await tracker.OnFullAsync(twin.Desired, twin.DesiredVersion, cancellationToken).ConfigureAwait(false))
            {
                // The store could not take the document: try again after a pause.
                await Task.Delay(_options.RetryDelay, _time, cancellationToken).ConfigureAwait(false);
                _refresh.Writer.TryWrite(true);
            }
        }
    }

    private async Task<TwinProperties> GetTwinAsync(IotHubDeviceClient device, CancellationToken cancellationToken)
    {
        for (var failures = 0; ; failures++)
        {
            try
            {
                return await device.GetTwinAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IotHubStatusException ex) when (ex.IsTransient)
            {
                var delay = _options.Backoff(failures);
                IotHubSyncLog.Retrying(_logger, ex.Operation, ex.Status, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                IotHubSyncLog.RequestLost(_logger, "twin GET", ex.Message);
            }
        }
    }

    private async Task AnswerMethodsAsync(IotHubDeviceClient device, MethodResponder responder, CancellationToken cancellationToken)
    {
        await foreach (var call in _calls.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            int status;
            byte[] payload;
            try
            {
                (status, payload) = await responder.AnswerAsync(call, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                IotHubSyncLog.MethodFailed(_logger, ex, call.Name);
                (status, payload) = (DirectMethods.Error, JsonSerializer.SerializeToUtf8Bytes(new MethodError("the agent failed: " + ex.Message), IotHubJsonContext.Default.MethodError));
            }

            try
            {
                await device.RespondToMethodAsync(call.RequestId, status, payload, cancellationToken).ConfigureAwait(false);
                IotHubSyncLog.MethodAnswered(_logger, call.Name, status);
            }
            catch (IotHubConnectionException ex)
            {
                // The hub answers the caller with a timeout; nothing else to do.
                IotHubSyncLog.MethodFailed(_logger, ex, call.Name);
            }
        }
    }

    private static async Task EndAsync(CancellationTokenSource? session, Task running)
    {
        if (session is null) return;
        await session.CancelAsync().ConfigureAwait(false);
        await running.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        session.Dispose();
    }
}
