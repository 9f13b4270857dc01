using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>
/// The events the kubelet would record, derived from the difference between two reported states of a pod's
/// workloads: Pulled, Created and Started for a new run, BackOff when a restart or a pull is backing off, Failed
/// when a pull or a container setup fails; and Killing when the pod is being deleted.
/// </summary>
internal static class PodEventPlanner
{
    private static readonly string[] FailureReasons = ["CreateContainerConfigError", "CreateContainerError", "InvalidImageName", "InvalidModule", "NotAdmitted"];

    /// <summary>Events for what changed between <paramref name="previous"/> and <paramref name="current"/> (this pod's workloads).</summary>
    public static IReadOnlyList<PodEventRecord> Diff(Pod pod, IReadOnlyList<WorkloadStatus> previous, IReadOnlyList<WorkloadStatus> current)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var events = new List<PodEventRecord>();
        foreach (var container in (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers))
        {
            var now = Find(pod, current, container.Name);
            if (now is null) continue;
            var before = Find(pod, previous, container.Name);
            var path = EnvResolver.FieldPath(pod, container);
            var image = container.Image ?? "";

            if (now.ImageDigest is not null && before?.ImageDigest != now.ImageDigest)
            {
                events.Add(new(PodEventRecord.Normal, "Pulled", $"Successfully pulled image \"{image}\"", path));
            }

            var started = now.State != WorkloadState.Waiting && now.StartedAt is not null && now.StartedAt != before?.StartedAt;
            if (started)
            {
                events.Add(new(PodEventRecord.Normal, "Created", $"Created container {container.Name}", path));
                events.Add(new(PodEventRecord.Normal, "Started", $"Started container {container.Name}", path));
            }

            if (now.State != WorkloadState.Waiting) continue;
            var sameWait = before is { State: WorkloadState.Waiting } && before.Reason == now.Reason && before.RestartCount == now.RestartCount;
            if (sameWait) continue;
            switch (now.Reason)
            {
                case "CrashLoopBackOff":
                    events.Add(new(PodEventRecord.Warning, "BackOff", $"Back-off restarting failed container {container.Name} in pod {pod.Metadata.Name}_{pod.Metadata.Namespace}({pod.Metadata.Uid})", path));
                    break;
                case "ImagePullBackOff":
                    events.Add(new(PodEventRecord.Normal, "BackOff", $"Back-off pulling image \"{image}\"", path));
                    break;
                case "ErrImagePull":
                    events.Add(new(PodEventRecord.Warning, "Failed", $"Failed to pull image \"{image}\": {now.Message}", path));
                    break;
                case { } reason when FailureReasons.Contains(reason):
                    events.Add(new(PodEventRecord.Warning, "Failed", $"Error: {(string.IsNullOrEmpty(now.Message) ? reason : now.Message)}", path));
                    break;
            }
        }

        return events;
    }

    /// <summary>Killing events for the containers still running when the pod's deletion stops them.</summary>
    public static IReadOnlyList<PodEventRecord> Deletion(Pod pod, IReadOnlyList<WorkloadStatus> current)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return [.. (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers)
            .Where(c => Find(pod, current, c.Name) is { State: WorkloadState.Running })
            .Select(c => new PodEventRecord(PodEventRecord.Normal, "Killing", $"Stopping container {c.Name}", EnvResolver.FieldPath(pod, c)))];
    }

    /// <summary>The event for a pod the bridge refuses to run.</summary>
    public static PodEventRecord Rejection(PodRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return new(PodEventRecord.Warning, rejection.Reason, "Pod was rejected: " + rejection.Message);
    }

    private static WorkloadStatus? Find(Pod pod, IReadOnlyList<WorkloadStatus> statuses, string container) =>
        statuses.FirstOrDefault(s => s.Id.Namespace == pod.Metadata.Namespace && s.Id.Pod == pod.Metadata.Name && s.Id.Container == container
            && (s.PodUid is null || pod.Metadata.Uid is null || s.PodUid == pod.Metadata.Uid));
}
