using EdgeWasm.CloudBridge.Cluster;
using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.CloudBridge.Fleet;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Pods.Sync;
using EdgeWasm.CloudBridge.Reconcile;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Pods.Status;

/// <summary>
/// The pod status loop: for each served device, observe what it reported, its pods and their translations, plan
/// (<see cref="PodStatusPlanner"/>) and carry the plan out: events, status writes through the status subresource
/// (a 409 re-reads the pod and maps again), and the final delete with grace period 0 and a uid precondition.
/// </summary>
internal sealed class PodStatusController : DeviceLoop
{
    private const int ConflictRetries = 3;
    private readonly IPodStore _pods;
    private readonly IPodEventSink _events;
    private readonly PodTranslations _translations;
    private readonly DesiredLedger _ledger;
    private readonly StatusOptions _statusOptions;
    private readonly Dictionary<string, IReadOnlyDictionary<string, PodMemory>> _memory = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>Sets the loop up.</summary>
    public PodStatusController(IPodStore pods, IPodEventSink events, PodTranslations translations, DesiredLedger ledger, StatusOptions statusOptions,
        DeviceRegistry registry, DeviceCatalog catalog, ReconcileOptions options, TimeProvider time, ILogger<PodStatusController> logger)
        : base("pod status", registry, catalog, options, time, logger)
    {
        _pods = pods ?? throw new ArgumentNullException(nameof(pods));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _translations = translations ?? throw new ArgumentNullException(nameof(translations));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _statusOptions = statusOptions ?? throw new ArgumentNullException(nameof(statusOptions));
    }

    /// <summary>Status writes since start.</summary>
    public long StatusWrites => Interlocked.Read(ref _statusWrites);

    private long _statusWrites;

    /// <inheritdoc />
    protected override Task StartingAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(_pods.Changes.Subscribe(node =>
        {
            if (Catalog.FindByNode(node) is { } device) Queue.Add(device.DeviceId);
        }));
        _subscriptions.Add(_translations.Changes.Subscribe(Queue.Add));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override bool IsTrigger(DeviceEvent e) => e.Kind is not (DeviceEventKind.Refused or DeviceEventKind.Gap);

    /// <inheritdoc />
    protected override async Task ReconcileAsync(ManagedDevice device, CancellationToken cancellationToken)
    {
        if (!_pods.IsSynced(device.NodeName)) return; // The sync loop starts following the node; its first list triggers a pass.
        IReadOnlyDictionary<string, PodMemory> memory;
        lock (_memory) memory = _memory.GetValueOrDefault(device.DeviceId) ?? new Dictionary<string, PodMemory>();
        var plan = PodStatusPlanner.Plan(new PodStatusPlanInputs
        {
            NodeName = device.NodeName,
            Liveness = device.Liveness,
            HostIP = device.Address,
            Workloads = [.. device.Record?.Workloads.Values ?? []],
            AppliedVersion = device.AppliedVersion,
            DesiredVersion = _ledger.Version(device.DeviceId),
            DesiredPodUids = _ledger.PodUids(device.DeviceId),
            Pods = _pods.PodsOn(device.NodeName),
            Translation = uid => _translations.Get(device.DeviceId, uid),
            Memory = memory,
            OfflineDeletionTimeout = _statusOptions.OfflineDeletionTimeout,
            Now = device.Now,
        });

        foreach (var command in plan.Commands)
        {
            await ExecuteAsync(device, command, cancellationToken).ConfigureAwait(false);
        }

        lock (_memory) _memory[device.DeviceId] = plan.Memory;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        foreach (var s in _subscriptions) s.Dispose();
        base.Dispose();
    }

    private async Task ExecuteAsync(ManagedDevice device, PodStatusCommand command, CancellationToken cancellationToken)
    {
        var pod = command.Pod;
        var ns = pod.Metadata.Namespace ?? "default";
        var name = pod.Metadata.Name ?? "";
        switch (command.Kind)
        {
            case PodStatusCommandKind.RecordEvent:
                try
                {
                    await _events.RecordAsync(pod, command.Event!, device.NodeName, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // An event is information, not state: a lost one must not hold the status back.
                    PodLog.EventFailed(Logger, command.Event!.Reason, ns, name, ex.Message);
                }

                break;
            case PodStatusCommandKind.WriteStatus:
                await WriteStatusAsync(device, pod, command.Status!, cancellationToken).ConfigureAwait(false);
                break;
            case PodStatusCommandKind.Delete:
                if (await _pods.DeleteAsync(pod, cancellationToken).ConfigureAwait(false)) PodLog.Deleted(Logger, ns, name, pod.Metadata.Uid ?? "", device.DeviceId);
                break;
            case PodStatusCommandKind.ForceDelete:
                var offline = device.Liveness.LastSeen is { } seen ? (long)(device.Now - seen).TotalSeconds : -1;
                if (await _pods.DeleteAsync(pod, cancellationToken).ConfigureAwait(false)) PodLog.ForceDeleted(Logger, ns, name, device.DeviceId, offline);
                break;
        }
    }

    private async Task WriteStatusAsync(ManagedDevice device, Pod pod, PodStatus status, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _pods.UpdateStatusAsync(pod, status, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _statusWrites);
                if (status.Phase != pod.Status?.Phase) PodLog.PhaseChanged(Logger, pod.Metadata.Namespace ?? "", pod.Metadata.Name ?? "", device.NodeName, status.Phase ?? "");
                return;
            }
            catch (KubeConflictException) when (attempt < ConflictRetries)
            {
                // Someone else wrote the pod since it was read: map its current state again.
                PodLog.StatusConflict(Logger, pod.Metadata.Namespace ?? "", pod.Metadata.Name ?? "");
                var fresh = await _pods.GetFreshAsync(pod.Metadata.Namespace ?? "default", pod.Metadata.Name ?? "", cancellationToken).ConfigureAwait(false);
                if (fresh is null || fresh.Metadata.Uid != pod.Metadata.Uid) return;
                pod = fresh;
                var translation = _translations.Get(device.DeviceId, PodStatusPlanner.UidOf(pod));
                status = PodStatusMapper.Map(pod, new PodStatusInputs
                {
                    Workloads = [.. device.Record?.Workloads.Values ?? []],
                    Device = device.Liveness,
                    Translation = translation,
                    HostIP = device.Address,
                    Now = Time.GetUtcNow(),
                });
                if (PodStatusPlanner.Same(pod.Status, status)) return;
            }
        }
    }
}
