using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ContainerStateTerminated.</summary>
internal sealed record ContainerStateTerminated : KubeModel
{
    /// <summary>Exit code.</summary>
    public int ExitCode { get; init; }

    /// <summary>Signal that ended it, if any.</summary>
    public int? Signal { get; init; }

    /// <summary>Completed, Error, OOMKilled, ...</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable detail.</summary>
    public string? Message { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the run ended.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary><c>runtime://id</c> of the run.</summary>
    [JsonPropertyName("containerID")]
    public string? ContainerId { get; init; }
}
