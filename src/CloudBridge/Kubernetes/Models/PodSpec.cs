using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 PodSpec: the fields the bridge reads or must refuse; the rest is kept in <see cref="KubeModel.Unknown"/>.</summary>
internal sealed record PodSpec : KubeModel
{
    /// <summary>Volumes the containers may mount.</summary>
    public IReadOnlyList<Volume>? Volumes { get; init; }

    /// <summary>Containers that run to completion, in order, before the others start.</summary>
    public IReadOnlyList<Container>? InitContainers { get; init; }

    /// <summary>The pod's containers.</summary>
    public IReadOnlyList<Container> Containers { get; set; } = [];

    /// <summary>Debug containers added through the ephemeralcontainers subresource.</summary>
    public JsonElement? EphemeralContainers { get; init; }

    /// <summary>Always, OnFailure or Never.</summary>
    public string? RestartPolicy { get; init; }

    /// <summary>Grace period for a graceful deletion.</summary>
    public long? TerminationGracePeriodSeconds { get; init; }

    /// <summary>How long the pod may be active before it is failed.</summary>
    public long? ActiveDeadlineSeconds { get; init; }

    /// <summary>DNS policy (meaningless for wasm workloads).</summary>
    public string? DnsPolicy { get; init; }

    /// <summary>Node labels the pod must match.</summary>
    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }

    /// <summary>Service account name.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>Whether a service account token is mounted.</summary>
    public bool? AutomountServiceAccountToken { get; init; }

    /// <summary>The node the pod is bound to.</summary>
    public string? NodeName { get; init; }

    /// <summary>Use the host's network namespace.</summary>
    public bool? HostNetwork { get; init; }

    /// <summary>Use the host's PID namespace.</summary>
    [JsonPropertyName("hostPID")]
    public bool? HostPid { get; init; }

    /// <summary>Use the host's IPC namespace.</summary>
    [JsonPropertyName("hostIPC")]
    public bool? HostIpc { get; init; }

    /// <summary>Share one PID namespace among the containers.</summary>
    public bool? ShareProcessNamespace { get; init; }

    /// <summary>Pod-level security attributes.</summary>
    public PodSecurityContext? SecurityContext { get; init; }

    /// <summary>Secrets holding registry credentials.</summary>
    public IReadOnlyList<LocalObjectReference>? ImagePullSecrets { get; init; }

    /// <summary>Scheduling tolerations.</summary>
    public IReadOnlyList<Toleration>? Tolerations { get; init; }

    /// <summary>Extra conditions that must be True for the pod to be Ready.</summary>
    public IReadOnlyList<PodReadinessGate>? ReadinessGates { get; init; }

    /// <summary>Scheduler that places the pod.</summary>
    public string? SchedulerName { get; init; }

    /// <summary>Runtime class (a container runtime handler).</summary>
    public string? RuntimeClassName { get; init; }

    /// <summary>Priority class name.</summary>
    public string? PriorityClassName { get; init; }

    /// <summary>Resolved priority.</summary>
    public int? Priority { get; init; }
}
