using EdgeWasm.CloudBridge.Cluster;
using EdgeWasm.CloudBridge.Fleet;
using EdgeWasm.CloudBridge.Pods;

namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>
/// The state of static pod mode in one value: every node and pod with what a live table shows (phase, readiness,
/// restarts, the device's last-seen time) and the manifest problems. The demo reads it in process, or from the JSON
/// status file (<see cref="StatusFileWriter"/>); docs/bridge.md describes the format.
/// </summary>
internal sealed class StaticStatus(StaticPodStore pods, INodeStore nodes, DeviceCatalog catalog, StaticEventLog events, TimeProvider time)
{
    /// <summary>The state now.</summary>
    public StatusSnapshot Snapshot()
    {
        var devices = catalog.Devices().ToDictionary(d => d.NodeName, StringComparer.Ordinal);
        var nodeRows = nodes.List()
            .OrderBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .Select(n =>
            {
                devices.TryGetValue(n.Metadata.Name ?? "", out var device);
                var ready = n.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
                return new NodeRow(n.Metadata.Name ?? "", device?.DeviceId ?? "", device?.Info?.Profile ?? "", ready?.Status ?? "Unknown", ready?.Reason,
                    device?.Liveness.LastSeen, device?.Info?.AgentVersion);
            })
            .ToList();
        var podRows = pods.All()
            .OrderBy(p => p.Metadata.Namespace, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).ThenBy(p => p.Metadata.CreationTimestamp)
            .Select(p =>
            {
                devices.TryGetValue(p.Spec.NodeName ?? "", out var device);
                var latest = events.Latest(p.Metadata.Uid ?? "");
                return PodRow.Of(p, device?.DeviceId ?? "", device?.Liveness.Online ?? false, device?.Liveness.LastSeen,
                    latest is null ? null : $"{latest.Reason}: {latest.Message}");
            })
            .ToList();
        return new StatusSnapshot(time.GetUtcNow(), nodeRows, podRows, pods.Problems);
    }
}
