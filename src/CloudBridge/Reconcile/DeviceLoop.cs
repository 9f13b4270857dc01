using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.CloudBridge.Fleet;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Reconcile;

/// <summary>
/// The frame of the bridge's per-device loops: a pass per device, taken from a <see cref="KeyedWorkQueue"/> by a few
/// workers (no thread per device), triggered by registry events, by whatever the loop adds itself, by a device whose
/// heartbeat went stale, and by a periodic resync that catches anything the events missed. A failed pass is retried
/// with a growing delay; one device's failure never stops the others.
/// </summary>
internal abstract partial class DeviceLoop : BackgroundService
{
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _liveness = new(StringComparer.Ordinal);
    private readonly string _name;

    /// <summary>Sets the loop up; nothing runs before the host starts it.</summary>
    protected DeviceLoop(string name, DeviceRegistry registry, DeviceCatalog catalog, ReconcileOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _name = name;
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        Options = options;
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Queue = new KeyedWorkQueue(time);
    }

    /// <summary>What devices reported.</summary>
    protected DeviceRegistry Registry { get; }

    /// <summary>Which devices are served.</summary>
    protected DeviceCatalog Catalog { get; }

    /// <summary>Pacing.</summary>
    protected ReconcileOptions Options { get; }

    /// <summary>The clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The loop's logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>Devices waiting for a pass, by id.</summary>
    protected KeyedWorkQueue Queue { get; }

    /// <summary>Passes completed (successful or not), for tests and figures.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    private long _passes;

    /// <summary>Queues a pass for <paramref name="deviceId"/>.</summary>
    public void Trigger(string deviceId) => Queue.Add(deviceId);

    /// <summary>One pass for one served device.</summary>
    protected abstract Task ReconcileAsync(ManagedDevice device, CancellationToken cancellationToken);

    /// <summary>Whether a registry event should trigger a pass (all do by default).</summary>
    protected virtual bool IsTrigger(DeviceEvent e) => true;

    /// <summary>Runs once before the first pass (wait for caches, subscriptions).</summary>
    protected virtual Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watch = Registry.Watch();
        await StartingAsync(stoppingToken).ConfigureAwait(false);
        foreach (var device in Catalog.Devices()) Queue.Add(device.DeviceId);
        var tasks = new List<Task>
        {
            PumpAsync(watch, stoppingToken),
            TickAsync(Options.ResyncInterval, ResyncAll, stoppingToken),
            TickAsync(Options.LivenessInterval, CheckLiveness, stoppingToken),
        };
        for (var i = 0; i < Options.Workers; i++) tasks.Add(WorkAsync(stoppingToken));
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        Queue.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task PumpAsync(DeviceWatch watch, CancellationToken cancellationToken)
    {
        await foreach (var e in watch.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (IsTrigger(e)) Queue.Add(e.DeviceId);
        }
    }

    private async Task TickAsync(TimeSpan interval, Action tick, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false)) tick();
    }

    private void ResyncAll()
    {
        foreach (var device in Catalog.Devices()) Queue.Add(device.DeviceId);
    }

    // A heartbeat that goes stale raises no event: compare each device's liveness with what this loop saw last.
    private void CheckLiveness()
    {
        foreach (var device in Catalog.Devices())
        {
            bool changed;
            lock (_liveness)
            {
                changed = !_liveness.TryGetValue(device.DeviceId, out var online) || online != device.Liveness.Online;
                _liveness[device.DeviceId] = device.Liveness.Online;
            }

            if (changed) Queue.Add(device.DeviceId);
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var id = await Queue.TakeAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (Catalog.Find(id) is { } device) await ReconcileAsync(device, cancellationToken).ConfigureAwait(false);
                lock (_failures) _failures.Remove(id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                int failures;
                lock (_failures) _failures[id] = failures = _failures.GetValueOrDefault(id) + 1;
                var delay = TimeSpan.FromTicks(Math.Min(Options.RetryMax.Ticks, Options.RetryInitial.Ticks * (1L << Math.Min(failures - 1, 20))));
                LogPassFailed(Logger, _name, id, failures, (long)delay.TotalMilliseconds, ex);
                Queue.AddAfter(id, delay);
            }
            finally
            {
                Interlocked.Increment(ref _passes);
                Queue.Done(id);
            }
        }
    }

    [LoggerMessage(EventId = 3801, Level = LogLevel.Warning, Message = "{Loop} pass for device {DeviceId} failed ({Failures} in a row); retrying in {DelayMs} ms")]
    private static partial void LogPassFailed(ILogger logger, string loop, string deviceId, int failures, long delayMs, Exception exception);
}
