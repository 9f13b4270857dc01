using EdgeWasm.CloudBridge.Cluster;
using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.CloudBridge.Fleet;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Reconcile;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Nodes;

/// <summary>
/// The node loop: for each served device, observe its node and what the device reported, build the node it should
/// be (<see cref="NodeFactory"/>), plan the writes (<see cref="NodePlanner"/>) and make them. Passes come from device
/// events, from edits of the node by others, from a heartbeat going stale, and at least every report period.
/// </summary>
internal sealed class NodeController : DeviceLoop
{
    private readonly INodeStore _nodes;
    private readonly NodeOptions _nodeOptions;
    private readonly Dictionary<string, DateTimeOffset> _lastStatusReport = new(StringComparer.Ordinal);
    private readonly HashSet<string> _waitingLogged = new(StringComparer.Ordinal);
    private IDisposable? _subscription;

    /// <summary>Sets the loop up.</summary>
    public NodeController(INodeStore nodes, NodeOptions nodeOptions, DeviceRegistry registry, DeviceCatalog catalog, ReconcileOptions options, TimeProvider time,
        ILogger<NodeController> logger)
        : base("node", registry, catalog, options with { ResyncInterval = Min(options.ResyncInterval, ResyncFor(nodeOptions)) }, time, logger)
    {
        _nodes = nodes ?? throw new ArgumentNullException(nameof(nodes));
        _nodeOptions = nodeOptions ?? throw new ArgumentNullException(nameof(nodeOptions));
    }

    /// <inheritdoc />
    protected override async Task StartingAsync(CancellationToken cancellationToken)
    {
        _subscription = _nodes.Changes.Subscribe(name =>
        {
            if (Catalog.FindByNode(name) is { } device) Queue.Add(device.DeviceId);
        });
        await _nodes.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override bool IsTrigger(DeviceEvent e) => e.Kind is not (DeviceEventKind.Refused or DeviceEventKind.Gap or DeviceEventKind.Rejected);

    /// <inheritdoc />
    protected override async Task ReconcileAsync(ManagedDevice device, CancellationToken cancellationToken)
    {
        if (device.Info is null)
        {
            bool first;
            lock (_waitingLogged) first = _waitingLogged.Add(device.DeviceId);
            if (first) NodeLog.Waiting(Logger, device.DeviceId, device.ProfileProblem ?? "it has not reported itself");
            return;
        }

        var existing = _nodes.Get(device.NodeName);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ApplyAsync(device, existing, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (KubeApiException ex) when (attempt < 3 && (ex is KubeConflictException || ex.IsAlreadyExists || (ex.IsNotFound && existing is not null)))
            {
                // Someone else wrote the node (or removed it) since we saw it: read it as it is and plan again.
                NodeLog.Conflict(Logger, device.NodeName);
                existing = await _nodes.GetFreshAsync(device.NodeName, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }

    private async Task ApplyAsync(ManagedDevice device, Node? existing, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var desired = NodeFactory.Build(new NodeInputs { Device = device.Info!, Liveness = device.Liveness, Options = _nodeOptions, Previous = existing, Now = now });
        DateTimeOffset? last;
        lock (_lastStatusReport) last = _lastStatusReport.TryGetValue(device.NodeName, out var at) ? at : null;
        var current = existing;
        // Passes come every quarter period, so report when the next pass would be late: the status is never older than the period.
        var due = _nodeOptions.StatusReportFrequency - ResyncFor(_nodeOptions);
        foreach (var action in NodePlanner.Plan(existing, desired, last, now, due))
        {
            switch (action)
            {
                case NodeAction.Create:
                    current = await _nodes.CreateAsync(desired, cancellationToken).ConfigureAwait(false);
                    NodeLog.Registered(Logger, device.NodeName, device.DeviceId, device.Info!.Profile);
                    break;
                case NodeAction.UpdateObject:
                    current = await _nodes.UpdateAsync(desired with { Metadata = desired.Metadata with { ResourceVersion = current!.Metadata.ResourceVersion } }, cancellationToken)
                        .ConfigureAwait(false);
                    break;
                case NodeAction.UpdateStatus:
                    var ready = Ready(desired);
                    var wasReady = current is null ? null : Ready(current);
                    current = await _nodes.UpdateStatusAsync(desired with { Metadata = current!.Metadata }, cancellationToken).ConfigureAwait(false);
                    if (wasReady?.Status != ready?.Status && ready is not null) NodeLog.ReadyChanged(Logger, device.NodeName, ready.Status, ready.Reason ?? "");
                    break;
            }

            NodeLog.Wrote(Logger, device.NodeName, action);
            if (action is NodeAction.Create or NodeAction.UpdateStatus)
            {
                lock (_lastStatusReport) _lastStatusReport[device.NodeName] = now;
            }
        }
    }

    private static NodeCondition? Ready(Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan ResyncFor(NodeOptions? options) => (options?.StatusReportFrequency ?? TimeSpan.FromMinutes(1)) / 4;
}
