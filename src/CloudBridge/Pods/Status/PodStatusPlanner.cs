using System.Text.Json;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Pods.Status;

/// <summary>
/// Plans a status pass over one device's pods, as a pure function: for each pod, the events its reported workloads'
/// changes call for (<see cref="PodEventPlanner"/>), the rejection and translation warnings once each, Killing when
/// its deletion starts; its status (<see cref="PodStatusMapper"/>) when that differs from the stored one; and its
/// deletion once it is being deleted, the device stored a document without it and none of its workloads still runs.
/// </summary>
internal static class PodStatusPlanner
{
    /// <summary>The plan.</summary>
    public static PodStatusPlan Plan(PodStatusPlanInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var commands = new List<PodStatusCommand>();
        var memory = new Dictionary<string, PodMemory>(StringComparer.Ordinal);
        foreach (var pod in inputs.Pods)
        {
            var uid = UidOf(pod);
            var translation = inputs.Translation(uid);
            var mine = Mine(pod, inputs.Workloads);
            var remembered = inputs.Memory.GetValueOrDefault(uid);
            // First sight in this process: what the pod's status already shows was announced before (a restart must not repeat it).
            var previous = remembered?.Workloads ?? (Announced(pod) ? mine : []);
            var recorded = remembered?.Recorded ?? [];

            var events = new List<PodEventRecord>();
            // A pod already failed for the rejection was announced before (by an earlier process).
            if (translation?.Rejection is { } rejection && !(pod.Status?.Phase == "Failed" && pod.Status.Reason == rejection.Reason))
            {
                events.Add(PodEventPlanner.Rejection(rejection));
            }

            events.AddRange(translation?.Warnings ?? []);
            if (pod.Metadata.DeletionTimestamp is not null) events.AddRange(PodEventPlanner.Deletion(pod, previous));
            var once = events.Where(e => !recorded.Contains(Key(e))).ToList();
            recorded = recorded.Union(once.Select(Key));
            once.AddRange(PodEventPlanner.Diff(pod, previous, mine));
            commands.AddRange(once.Select(e => new PodStatusCommand(PodStatusCommandKind.RecordEvent, pod, Event: e)));

            var status = PodStatusMapper.Map(pod, new PodStatusInputs { Workloads = inputs.Workloads, Device = inputs.Liveness, Translation = translation, HostIP = inputs.HostIP, Now = inputs.Now });
            if (!Same(pod.Status, status)) commands.Add(new PodStatusCommand(PodStatusCommandKind.WriteStatus, pod, status));

            if (pod.Metadata.DeletionTimestamp is { } deleting)
            {
                var stopped = mine.All(w => w.State != WorkloadState.Running);
                var caughtUp = inputs.Liveness.Online && !inputs.DesiredPodUids.Contains(uid) && inputs.AppliedVersion >= inputs.DesiredVersion;
                if (stopped && caughtUp) commands.Add(new PodStatusCommand(PodStatusCommandKind.Delete, pod));
                else if (!inputs.Liveness.Online && inputs.OfflineDeletionTimeout is { } timeout && inputs.Now >= deleting + timeout)
                {
                    commands.Add(new PodStatusCommand(PodStatusCommandKind.ForceDelete, pod));
                }
            }

            memory[uid] = new PodMemory(mine, recorded);
        }

        return new PodStatusPlan(commands, memory);
    }

    /// <summary>Whether two statuses are the same as the API server stores them.</summary>
    public static bool Same(PodStatus? a, PodStatus? b) =>
        (a is null && b is null) || (a is not null && b is not null && Json(a) == Json(b));

    /// <summary>The uid a pod is known by (its namespace/name when it has none, as a static pod read from a file before its uid is set).</summary>
    public static string UidOf(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Metadata.Uid ?? $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";
    }

    private static IReadOnlyList<WorkloadStatus> Mine(Pod pod, IReadOnlyList<WorkloadStatus> workloads) =>
        [.. workloads.Where(w => w.Id.Namespace == pod.Metadata.Namespace && w.Id.Pod == pod.Metadata.Name
            && (w.PodUid is null || pod.Metadata.Uid is null || w.PodUid == pod.Metadata.Uid))];

    // Whether the stored status already shows runs (the bridge wrote it before this process started).
    private static bool Announced(Pod pod) =>
        (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? [])
            .Any(s => s.State.Running is not null || s.State.Terminated is not null || s.RestartCount > 0 || !string.IsNullOrEmpty(s.ImageId));

    private static string Key(PodEventRecord e) => $"{e.Type}/{e.Reason}/{e.FieldPath}/{e.Message}";

    private static string Json(PodStatus status) => JsonSerializer.Serialize(status, KubeJsonContext.Default.PodStatus);
}
