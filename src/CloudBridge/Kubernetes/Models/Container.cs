using System.Text.Json;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 Container.</summary>
internal sealed record Container : KubeModel
{
    /// <summary>Container name, unique in the pod.</summary>
    public required string Name { get; init; }

    /// <summary>Image reference.</summary>
    public string? Image { get; init; }

    /// <summary>Entrypoint array (replaces the image's entrypoint).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Arguments to the entrypoint.</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Working directory.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>Ports the container exposes.</summary>
    public IReadOnlyList<ContainerPort>? Ports { get; init; }

    /// <summary>Sources of whole sets of variables.</summary>
    public IReadOnlyList<EnvFromSource>? EnvFrom { get; init; }

    /// <summary>Environment variables.</summary>
    public IReadOnlyList<EnvVar>? Env { get; init; }

    /// <summary>Requests and limits.</summary>
    public ResourceRequirements? Resources { get; init; }

    /// <summary>Volumes mounted into the container.</summary>
    public IReadOnlyList<VolumeMount>? VolumeMounts { get; init; }

    /// <summary>Raw block devices (not supported).</summary>
    public JsonElement? VolumeDevices { get; init; }

    /// <summary>Liveness probe (not supported).</summary>
    public JsonElement? LivenessProbe { get; init; }

    /// <summary>Readiness probe (not supported).</summary>
    public JsonElement? ReadinessProbe { get; init; }

    /// <summary>Startup probe (not supported).</summary>
    public JsonElement? StartupProbe { get; init; }

    /// <summary>Lifecycle hooks (not supported).</summary>
    public JsonElement? Lifecycle { get; init; }

    /// <summary>Always, Never or IfNotPresent.</summary>
    public string? ImagePullPolicy { get; init; }

    /// <summary>Container-level security attributes.</summary>
    public SecurityContext? SecurityContext { get; init; }

    /// <summary>Allocate a stdin buffer.</summary>
    public bool? Stdin { get; init; }

    /// <summary>Close stdin after the first attach.</summary>
    public bool? StdinOnce { get; init; }

    /// <summary>Allocate a TTY.</summary>
    public bool? Tty { get; init; }

    /// <summary>For init containers: <c>Always</c> makes it a sidecar.</summary>
    public string? RestartPolicy { get; init; }

    /// <summary>Where the termination message is read from.</summary>
    public string? TerminationMessagePath { get; init; }

    /// <summary>File or FallbackToLogsOnError.</summary>
    public string? TerminationMessagePolicy { get; init; }
}
