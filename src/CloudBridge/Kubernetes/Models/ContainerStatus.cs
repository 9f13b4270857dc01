using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ContainerStatus.</summary>
internal sealed record ContainerStatus : KubeModel
{
    /// <summary>The container's name.</summary>
    public required string Name { get; init; }

    /// <summary>Current state.</summary>
    public ContainerState State { get; set; } = new();

    /// <summary>The previous run's state (its termination).</summary>
    public ContainerState LastState { get; set; } = new();

    /// <summary>Whether the container passes its readiness check.</summary>
    public bool Ready { get; init; }

    /// <summary>How many times the container was restarted.</summary>
    public int RestartCount { get; init; }

    /// <summary>The image reference from the spec.</summary>
    public string Image { get; set; } = "";

    /// <summary>The image's id: its digest.</summary>
    [JsonPropertyName("imageID")]
    public string ImageId { get; set; } = "";

    /// <summary><c>runtime://id</c> of the current run.</summary>
    [JsonPropertyName("containerID")]
    public string? ContainerId { get; init; }

    /// <summary>Whether the container has started (passed its startup check).</summary>
    public bool? Started { get; init; }
}
