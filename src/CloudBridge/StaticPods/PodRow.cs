using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>One pod: where it runs, its phase (or Terminating), the reason, ready containers, restarts, the device's liveness, and the latest event.</summary>
internal sealed record PodRow(string Namespace, string Name, string Node, string Device, string Phase, string? Reason, string Ready, int Restarts,
    bool DeviceOnline, DateTimeOffset? LastSeen, string? Message, string? LastEvent)
{
    /// <summary>
    /// The row for <paramref name="pod"/> on <paramref name="device"/>: the pod's reason, else the first container's
    /// waiting or terminated reason, as <c>kubectl get pods</c> shows it.
    /// </summary>
    public static PodRow Of(Pod pod, string device, bool deviceOnline, DateTimeOffset? lastSeen, string? lastEvent)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var statuses = pod.Status?.ContainerStatuses ?? [];
        var containerReason = statuses.Select(s => s.State.Waiting?.Reason ?? s.State.Terminated?.Reason).FirstOrDefault(r => r is not null);
        return new PodRow(
            pod.Metadata.Namespace ?? "", pod.Metadata.Name ?? "", pod.Spec.NodeName ?? "", device,
            pod.Metadata.DeletionTimestamp is null ? pod.Status?.Phase ?? "Pending" : "Terminating",
            pod.Status?.Reason ?? containerReason,
            $"{statuses.Count(s => s.Ready)}/{pod.Spec.Containers.Count}",
            statuses.Sum(s => s.RestartCount),
            deviceOnline,
            lastSeen,
            pod.Status?.Message,
            lastEvent);
    }
}
