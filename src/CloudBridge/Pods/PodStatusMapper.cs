using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>
/// A pod's reported workloads and its device's liveness → the PodStatus the kubelet would write: container
/// statuses, the phase by the kubelet's rules, the Initialized/Ready/ContainersReady/PodScheduled conditions with
/// their reasons, and EdgeWasm's DeviceReachable condition. While the device is offline the last known status
/// is kept and only DeviceReachable changes, so a dropped link does not rewrite what pods last reported.
/// </summary>
internal static class PodStatusMapper
{
    /// <summary>The phase the kubelet writes when an active deadline passes.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    /// <summary>Computes the pod's status.</summary>
    public static PodStatus Map(Pod pod, PodStatusInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(inputs);
        var old = pod.Status ?? new PodStatus();
        if (!inputs.Device.Online && old.Phase is not null)
        {
            return old with { Conditions = WithDeviceCondition(old.Conditions ?? [], old.Conditions, inputs) };
        }

        if (old.Phase is "Succeeded" or "Failed")
        {
            // Terminal phases are final: only the device condition still moves.
            return old with { Conditions = WithDeviceCondition(old.Conditions ?? [], old.Conditions, inputs) };
        }

        var reported = ReportedFor(pod, inputs.Workloads);
        var waits = inputs.Translation?.Waiting ?? new Dictionary<string, ContainerWait>();
        var hasInit = pod.Spec.InitContainers is { Count: > 0 };
        var initStatuses = (pod.Spec.InitContainers ?? [])
            .Select(c => ContainerStatusOf(pod, c, reported.GetValueOrDefault(c.Name), waits.GetValueOrDefault(c.Name), hasInit, isInit: true, old.InitContainerStatuses))
            .ToList();
        var statuses = pod.Spec.Containers
            .Select(c => ContainerStatusOf(pod, c, reported.GetValueOrDefault(c.Name), waits.GetValueOrDefault(c.Name), hasInit, isInit: false, old.ContainerStatuses))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

        string phase;
        string? reason = null;
        string? message = null;
        if (inputs.Translation?.Rejection is { } rejection)
        {
            (phase, reason, message) = ("Failed", rejection.Reason, "Pod was rejected: " + rejection.Message);
        }
        else if (reported.Values.Any(w => w.Reason == DeadlineExceeded))
        {
            (phase, reason, message) = ("Failed", DeadlineExceeded, "Pod was active on the node longer than the specified deadline");
        }
        else
        {
            var terminating = pod.Metadata.DeletionTimestamp is not null && statuses.Concat(initStatuses).All(s => s.State.Running is null);
            phase = Phase(pod.Spec, initStatuses, statuses, terminating);
            if (phase == old.Phase) (reason, message) = (old.Reason, old.Message);
        }

        var conditions = (old.Conditions ?? []).Where(c => !PodConditions.OwnedByBridge(c.Type)).ToList();
        var all = initStatuses.Concat(statuses).ToList();
        var generated = new List<PodCondition>
        {
            Initialized(pod.Spec, initStatuses, phase),
            ReadyCondition(pod.Spec, conditions, statuses, phase),
            ContainersReadyCondition(pod.Spec, statuses, phase),
            new() { Type = PodConditions.PodScheduled, Status = "True" },
        };
        conditions.AddRange(generated.Select(c => Stamp(c, old.Conditions, inputs.Now)));

        var hostIP = inputs.HostIP ?? old.HostIP;
        return old with
        {
            Phase = phase,
            Reason = reason,
            Message = message,
            Conditions = WithDeviceCondition(conditions, old.Conditions, inputs),
            HostIP = hostIP,
            HostIPs = hostIP is null ? null : [new IPAddressEntry { Ip = hostIP }],
            // Workloads listen on the device's own address.
            PodIP = hostIP,
            PodIPs = hostIP is null ? null : [new IPAddressEntry { Ip = hostIP }],
            StartTime = old.StartTime ?? inputs.Now,
            InitContainerStatuses = initStatuses.Count > 0 ? initStatuses : null,
            ContainerStatuses = statuses,
        };
    }

    /// <summary>The kubelet's getPhase for pods without sidecars (EdgeWasm rejects those).</summary>
    public static string Phase(PodSpec spec, IReadOnlyList<ContainerStatus> init, IReadOnlyList<ContainerStatus> containers, bool podIsTerminal)
    {
        int pendingInit = 0, failedInit = 0;
        foreach (var s in init)
        {
            if (s.State.Running is not null) pendingInit++;
            else if (s.State.Terminated is { } t) failedInit += t.ExitCode != 0 ? 1 : 0;
            else if (s.LastState.Terminated is { } last) failedInit += last.ExitCode != 0 ? 1 : 0;
            else pendingInit++;
        }

        int unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var s in containers)
        {
            if (s.State.Running is not null) running++;
            else if (s.State.Terminated is { } t)
            {
                stopped++;
                if (t.ExitCode == 0) succeeded++;
            }
            else if (s.State.Waiting is not null)
            {
                if (s.LastState.Terminated is not null) stopped++;
                else waiting++;
            }
            else unknown++;
        }

        unknown += spec.Containers.Count - containers.Count;
        var restartPolicy = spec.RestartPolicy ?? "Always";
        if (failedInit > 0 && restartPolicy == "Never") return "Failed";
        if (pendingInit > 0 || waiting > 0) return "Pending";
        if (running > 0 && unknown == 0) return "Running";
        if (running == 0 && stopped > 0 && unknown == 0)
        {
            if (podIsTerminal) return stopped == succeeded ? "Succeeded" : "Failed";
            if (restartPolicy == "Always") return "Running";
            if (stopped == succeeded) return "Succeeded";
            return restartPolicy == "Never" ? "Failed" : "Running";
        }

        return "Pending";
    }

    private static Dictionary<string, WorkloadStatus> ReportedFor(Pod pod, IReadOnlyList<WorkloadStatus> workloads)
    {
        var result = new Dictionary<string, WorkloadStatus>(StringComparer.Ordinal);
        foreach (var w in workloads)
        {
            // A status of an earlier pod with the same name (another uid) is not this pod's.
            if (w.Id.Namespace != pod.Metadata.Namespace || w.Id.Pod != pod.Metadata.Name) continue;
            if (w.PodUid is not null && pod.Metadata.Uid is not null && w.PodUid != pod.Metadata.Uid) continue;
            result[w.Id.Container] = w;
        }

        return result;
    }

    private static ContainerStatus ContainerStatusOf(Pod pod, Container container, WorkloadStatus? reported, ContainerWait? wait, bool hasInit, bool isInit,
        IReadOnlyList<ContainerStatus>? previous)
    {
        var image = container.Image ?? "";
        if (reported is null)
        {
            // Not reported yet: waiting, keeping what the previous status knew of earlier runs.
            var old = previous?.FirstOrDefault(s => s.Name == container.Name);
            var waiting = wait is not null
                ? new ContainerStateWaiting { Reason = wait.Reason, Message = string.IsNullOrEmpty(wait.Message) ? null : wait.Message }
                : new ContainerStateWaiting { Reason = hasInit ? "PodInitializing" : "ContainerCreating" };
            return new ContainerStatus
            {
                Name = container.Name,
                Image = image,
                ImageId = old?.ImageId ?? "",
                State = new ContainerState { Waiting = waiting },
                LastState = old?.LastState ?? new ContainerState(),
                RestartCount = old?.RestartCount ?? 0,
                Ready = false,
                Started = false,
            };
        }

        var uid = pod.Metadata.Uid ?? "";
        var state = reported.State switch
        {
            WorkloadState.Running => new ContainerState { Running = new ContainerStateRunning { StartedAt = reported.StartedAt } },
            WorkloadState.Terminated => new ContainerState
            {
                Terminated = new ContainerStateTerminated
                {
                    ExitCode = reported.ExitCode ?? 0,
                    Reason = reported.Reason,
                    Message = reported.Message,
                    StartedAt = reported.StartedAt,
                    FinishedAt = reported.FinishedAt,
                    ContainerId = ContainerId(uid, container.Name, reported.StartedAt),
                },
            },
            _ => new ContainerState { Waiting = new ContainerStateWaiting { Reason = reported.Reason, Message = reported.Message } },
        };
        var lastState = reported.LastTermination is { } last
            ? new ContainerState
            {
                Terminated = new ContainerStateTerminated
                {
                    ExitCode = last.ExitCode,
                    Reason = last.Reason,
                    Message = last.Message,
                    StartedAt = last.StartedAt,
                    FinishedAt = last.FinishedAt,
                    ContainerId = ContainerId(uid, container.Name, last.StartedAt),
                },
            }
            : new ContainerState();
        var running = reported.State == WorkloadState.Running;
        return new ContainerStatus
        {
            Name = container.Name,
            Image = image,
            ImageId = reported.ImageDigest?.Value ?? "",
            ContainerId = running ? ContainerId(uid, container.Name, reported.StartedAt) : state.Terminated?.ContainerId,
            State = state,
            LastState = lastState,
            RestartCount = reported.RestartCount,
            // No probes: a running container is ready; a completed init container counts as ready.
            Ready = running || (isInit && state.Terminated is { ExitCode: 0 }),
            Started = running,
        };
    }

    // A stable id per run, so kubectl and tools can tell runs apart.
    private static string ContainerId(string podUid, string container, DateTimeOffset? startedAt)
    {
        var key = $"{podUid}/{container}/{startedAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        return "edgewasm://" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    private static PodCondition Initialized(PodSpec spec, IReadOnlyList<ContainerStatus> init, string phase)
    {
        if (spec.InitContainers is not { Count: > 0 }) return new PodCondition { Type = PodConditions.Initialized, Status = "True" };
        if (phase == "Succeeded") return new PodCondition { Type = PodConditions.Initialized, Status = "True", Reason = "PodCompleted" };
        var incomplete = init.Where(s => !s.Ready).Select(s => s.Name).ToList();
        return incomplete.Count == 0
            ? new PodCondition { Type = PodConditions.Initialized, Status = "True" }
            : new PodCondition { Type = PodConditions.Initialized, Status = "False", Reason = "ContainersNotInitialized", Message = $"containers with incomplete status: [{string.Join(' ', incomplete)}]" };
    }

    private static PodCondition ContainersReadyCondition(PodSpec spec, IReadOnlyList<ContainerStatus> statuses, string phase)
    {
        if (phase == "Succeeded") return new PodCondition { Type = PodConditions.ContainersReady, Status = "False", Reason = "PodCompleted" };
        if (phase == "Failed") return new PodCondition { Type = PodConditions.ContainersReady, Status = "False", Reason = "PodFailed" };
        var unready = spec.Containers.Select(c => c.Name).Where(n => statuses.FirstOrDefault(s => s.Name == n) is not { Ready: true }).ToList();
        return unready.Count == 0
            ? new PodCondition { Type = PodConditions.ContainersReady, Status = "True" }
            : new PodCondition { Type = PodConditions.ContainersReady, Status = "False", Reason = "ContainersNotReady", Message = $"containers with unready status: [{string.Join(' ', unready)}]" };
    }

    private static PodCondition ReadyCondition(PodSpec spec, IReadOnlyList<PodCondition> others, IReadOnlyList<ContainerStatus> statuses, string phase)
    {
        var containersReady = ContainersReadyCondition(spec, statuses, phase);
        if (containersReady.Status != "True") return containersReady with { Type = PodConditions.Ready };
        var unready = new List<string>();
        foreach (var gate in spec.ReadinessGates ?? [])
        {
            var condition = others.FirstOrDefault(c => c.Type == gate.ConditionType);
            if (condition is null) unready.Add($"corresponding condition of pod readiness gate \"{gate.ConditionType}\" does not exist.");
            else if (condition.Status != "True") unready.Add($"the status of pod readiness gate \"{gate.ConditionType}\" is not \"True\", but {condition.Status}");
        }

        return unready.Count == 0
            ? new PodCondition { Type = PodConditions.Ready, Status = "True" }
            : new PodCondition { Type = PodConditions.Ready, Status = "False", Reason = "ReadinessGatesNotReady", Message = string.Join(", ", unready) };
    }

    // previous: the stored conditions, whose DeviceReachable transition time is kept while its status holds.
    private static IReadOnlyList<PodCondition> WithDeviceCondition(IReadOnlyList<PodCondition> conditions, IReadOnlyList<PodCondition>? previous, PodStatusInputs inputs)
    {
        var device = inputs.Device;
        // Online, the condition stays constant (no status write per heartbeat); offline, it says when the device was last seen.
        var condition = device.Online
            ? new PodCondition { Type = PodConditions.DeviceReachable, Status = "True", Reason = "DeviceOnline", Message = $"device {device.DeviceId} is connected" }
            : new PodCondition
            {
                Type = PodConditions.DeviceReachable,
                Status = "False",
                Reason = "DeviceOffline",
                Message = $"device {device.DeviceId} last seen {(device.LastSeen is { } at ? KubeTimeJsonConverter.Format(at) : "never")}; the status shown is the last it reported",
                LastProbeTime = device.LastSeen,
            };
        return [.. conditions.Where(c => c.Type != PodConditions.DeviceReachable), Stamp(condition, previous, inputs.Now)];
    }

    // lastTransitionTime moves only when the status changes.
    private static PodCondition Stamp(PodCondition condition, IReadOnlyList<PodCondition>? previous, DateTimeOffset now)
    {
        var before = previous?.FirstOrDefault(c => c.Type == condition.Type);
        var transition = before is not null && before.Status == condition.Status ? before.LastTransitionTime ?? now : now;
        return condition with { LastTransitionTime = transition };
    }
}
