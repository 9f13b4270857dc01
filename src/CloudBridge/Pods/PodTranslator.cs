using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Images;
using EdgeWasm.Protocol.Profiles;
using ProtocolRestartPolicy = EdgeWasm.Protocol.Documents.RestartPolicy;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>
/// Pod → the device's workloads. A pure function: everything it reads is in the pod and the
/// <see cref="PodTranslationInputs"/>. Unsupported features reject the whole pod with one message naming each;
/// a container whose configuration cannot be resolved yet waits, as on a kubelet. See docs/kubernetes.md.
/// </summary>
internal static class PodTranslator
{
    /// <summary>Translates a pod bound to a device.</summary>
    public static PodTranslation Translate(Pod pod, PodTranslationInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(inputs);
        var problems = Problems(pod).ToList();
        if (problems.Count > 0) return Rejected(string.Join("; ", problems));

        var warnings = new List<PodEventRecord>();
        try
        {
            var restartPolicy = ParseRestartPolicy(pod.Spec.RestartPolicy)!.Value;
            var credentials = PullSecrets.Load(pod, inputs.Secrets, warnings);
            IReadOnlyDictionary<string, ResolvedVolume?> volumes;
            try
            {
                volumes = VolumeTranslator.Resolve(pod, inputs);
            }
            catch (ContainerConfigException ex)
            {
                // A volume that cannot be set up holds back every container of the pod.
                var wait = ex.ToWait();
                var all = pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).ToDictionary(c => c.Name, _ => wait, StringComparer.Ordinal);
                warnings.Add(new PodEventRecord(PodEventRecord.Warning, "FailedMount", ex.Message));
                return new PodTranslation { Waiting = all, Warnings = warnings };
            }

            var workloads = new List<WorkloadSpec>();
            var waiting = new Dictionary<string, ContainerWait>(StringComparer.Ordinal);
            var initRestart = restartPolicy == ProtocolRestartPolicy.Never ? ProtocolRestartPolicy.Never : ProtocolRestartPolicy.OnFailure;
            var inits = pod.Spec.InitContainers ?? [];
            for (var i = 0; i < inits.Count; i++) Add(pod, inits[i], init: true, i, initRestart, inputs, volumes, credentials, warnings, workloads, waiting);
            var initBlocked = waiting.Count > 0;
            for (var i = 0; i < pod.Spec.Containers.Count; i++)
            {
                var container = pod.Spec.Containers[i];
                if (initBlocked)
                {
                    // Regular containers never start before every init container has completed.
                    waiting[container.Name] = new ContainerWait("PodInitializing", "");
                    continue;
                }

                Add(pod, container, init: false, i, restartPolicy, inputs, volumes, credentials, warnings, workloads, waiting);
            }

            return new PodTranslation { Workloads = workloads, Waiting = waiting, Warnings = warnings };
        }
        catch (PodRejectedException ex)
        {
            return Rejected(ex.Message);
        }
    }

    /// <summary>Everything in the pod's spec that EdgeWasm cannot honour; empty when the pod is supported.</summary>
    public static IEnumerable<string> Problems(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var spec = pod.Spec;
        if (spec.HostNetwork == true) yield return "hostNetwork is not supported: workloads get one socket from the agent, not the host's network";
        if (spec.HostPid == true) yield return "hostPID is not supported";
        if (spec.HostIpc == true) yield return "hostIPC is not supported";
        if (spec.SecurityContext?.Sysctls is { ValueKind: System.Text.Json.JsonValueKind.Array } sysctls && sysctls.GetArrayLength() > 0) yield return "sysctls are not supported";
        if (ParseRestartPolicy(spec.RestartPolicy) is null) yield return $"restartPolicy '{spec.RestartPolicy}' is not one of Always, OnFailure, Never";
        if (spec.Containers.Count == 0) yield return "the pod has no containers";
        foreach (var p in VolumeTranslator.Problems(pod)) yield return p;

        var ports = new Dictionary<int, string>();
        foreach (var (container, init) in spec.Containers.Select(c => (c, false)).Concat((spec.InitContainers ?? []).Select(c => (c, true))))
        {
            var who = $"{(init ? "init container" : "container")} \"{container.Name}\"";
            foreach (var p in ContainerProblems(container, init)) yield return $"{who}: {p}";
            foreach (var port in container.Ports ?? [])
            {
                if (!ports.TryAdd(port.Port, container.Name) && ports[port.Port] != container.Name)
                {
                    yield return $"{who}: port {port.Port} is also used by container \"{ports[port.Port]}\"";
                }
            }
        }
    }

    private static IEnumerable<string> ContainerProblems(Container c, bool init)
    {
        if (string.IsNullOrWhiteSpace(c.Image)) yield return "no image";
        if (c.SecurityContext?.Privileged == true) yield return "privileged mode is not supported";
        if (c.SecurityContext?.Capabilities?.Add is { Count: > 0 } add) yield return $"adding capabilities ({string.Join(", ", add)}) is not supported";
        if (c.LivenessProbe is not null || c.ReadinessProbe is not null || c.StartupProbe is not null) yield return "probes are not supported";
        if (c.Lifecycle is not null) yield return "lifecycle hooks are not supported";
        if (c.VolumeDevices is not null) yield return "volumeDevices are not supported";
        if (c.Stdin == true || c.Tty == true) yield return "stdin and tty are not supported: workloads cannot be attached to";
        if (!string.IsNullOrEmpty(c.WorkingDir)) yield return "workingDir is not supported";
        if (init && c.RestartPolicy == "Always") yield return "sidecar containers (init containers with restartPolicy Always) are not supported";
        else if (c.RestartPolicy is not null) yield return "a per-container restartPolicy is not supported";
        var ports = c.Ports ?? [];
        if (ports.Count > 1) yield return $"{ports.Count} ports are declared; a workload gets exactly one listening socket";
        foreach (var port in ports)
        {
            if (port.Protocol is { } protocol && protocol != "TCP") yield return $"port {port.Port}/{protocol} is not supported (TCP only)";
            if (port.HostPort is { } hostPort && hostPort != 0 && hostPort != port.Port) yield return $"hostPort {hostPort} must equal containerPort {port.Port}: the workload listens on the device itself";
        }

        foreach (var (kind, map) in new[] { ("limits", c.Resources?.Limits), ("requests", c.Resources?.Requests) })
        {
            foreach (var name in (map?.Keys ?? []).Where(n => n is not ("cpu" or "memory" or "ephemeral-storage")))
            {
                yield return $"{kind}.{name} is not available on EdgeWasm devices (cpu, memory and ephemeral-storage only)";
            }
        }

        foreach (var mount in c.VolumeMounts ?? [])
        {
            if (!string.IsNullOrEmpty(mount.SubPath) || !string.IsNullOrEmpty(mount.SubPathExpr)) yield return $"volume mount \"{mount.Name}\": subPath is not supported";
            if (mount.MountPropagation is { Length: > 0 } propagation && propagation != "None") yield return $"volume mount \"{mount.Name}\": mountPropagation {propagation} is not supported";
        }
    }

    private static void Add(Pod pod, Container container, bool init, int order, ProtocolRestartPolicy restartPolicy, PodTranslationInputs inputs,
        IReadOnlyDictionary<string, ResolvedVolume?> volumes, IReadOnlyList<PullSecrets.Entry> credentials, List<PodEventRecord> warnings,
        List<WorkloadSpec> workloads, Dictionary<string, ContainerWait> waiting)
    {
        try
        {
            workloads.Add(Workload(pod, container, init, order, restartPolicy, inputs, volumes, credentials, warnings));
        }
        catch (ContainerConfigException ex)
        {
            waiting[container.Name] = ex.ToWait();
        }
    }

    private static WorkloadSpec Workload(Pod pod, Container container, bool init, int order, ProtocolRestartPolicy restartPolicy,
        PodTranslationInputs inputs, IReadOnlyDictionary<string, ResolvedVolume?> volumes, IReadOnlyList<PullSecrets.Entry> credentials, List<PodEventRecord> warnings)
    {
        var imageText = container.Image!;
        if (!ImageReference.TryParse(imageText, out var image, out var imageError))
        {
            throw new ContainerConfigException("InvalidImageName", $"Failed to apply default image tag \"{imageText}\": {imageError}");
        }

        var env = EnvResolver.Resolve(pod, container, inputs, warnings);
        var lookup = env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        string Expand(string s) => EnvExpansion.Expand(s, name => lookup.TryGetValue(name, out var v) ? v : null);

        return new WorkloadSpec
        {
            Id = new WorkloadId(pod.Metadata.Namespace ?? "default", pod.Metadata.Name ?? "", container.Name),
            PodUid = pod.Metadata.Uid,
            Image = imageText,
            Digest = image.Digest ?? (inputs.ResolvedDigests.TryGetValue(imageText, out var resolved) ? resolved : null),
            PullPolicy = PullPolicyOf(container, image),
            PullCredentials = PullSecrets.ForImage(image, credentials),
            Args = [.. (container.Command ?? []).Concat(container.Args ?? []).Select(Expand)],
            Env = env,
            Limits = Limits(container, pod, inputs.Profile),
            RestartPolicy = restartPolicy,
            Volumes = VolumeTranslator.ForContainer(container, volumes),
            ListenPort = container.Ports is [var port] ? port.Port : null,
            Init = init,
            Order = order,
        };
    }

    private static WorkloadLimits Limits(Container container, Pod pod, HardwareProfile profile)
    {
        var limits = container.Resources?.Limits;
        long? fuel = null;
        long? memory = null;
        if (limits?.TryGetValue("cpu", out var cpu) == true)
        {
            if (cpu.IsNegative) throw new PodRejectedException($"container \"{container.Name}\": limits.cpu must not be negative");
            // Millicores are rounded up (MilliValue), so a tiny but non-zero limit still buys some fuel.
            fuel = profile.FuelPerSecondForMillicores(cpu.MilliValue);
        }

        if (limits?.TryGetValue("memory", out var mem) == true)
        {
            if (mem.IsNegative) throw new PodRejectedException($"container \"{container.Name}\": limits.memory must not be negative");
            var bytes = mem.ScaledCeiling(0);
            memory = bytes > long.MaxValue ? long.MaxValue : (long)bytes;
        }

        return new WorkloadLimits
        {
            FuelPerSecond = fuel,
            MemoryBytes = memory,
            DeadlineMs = pod.Spec.ActiveDeadlineSeconds is { } seconds ? checked(seconds * 1000) : null,
        };
    }

    private static PullPolicy PullPolicyOf(Container container, ImageReference image) => container.ImagePullPolicy switch
    {
        "Always" => PullPolicy.Always,
        "Never" => PullPolicy.Never,
        "IfNotPresent" => PullPolicy.IfNotPresent,
        // Unset (a static pod): the API server's default.
        null or "" => image.IsLatest ? PullPolicy.Always : PullPolicy.IfNotPresent,
        var other => throw new PodRejectedException($"container \"{container.Name}\": imagePullPolicy '{other}' is not one of Always, IfNotPresent, Never"),
    };

    private static ProtocolRestartPolicy? ParseRestartPolicy(string? value) => value switch
    {
        null or "" or "Always" => ProtocolRestartPolicy.Always,
        "OnFailure" => ProtocolRestartPolicy.OnFailure,
        "Never" => ProtocolRestartPolicy.Never,
        _ => null,
    };

    private static PodTranslation Rejected(string message) => new() { Rejection = new PodRejection(PodRejection.UnsupportedReason, message) };
}
