namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 PodReadinessGate.</summary>
internal sealed record PodReadinessGate : KubeModel
{
    /// <summary>A pod condition type that must be True for the pod to be Ready.</summary>
    public required string ConditionType { get; init; }
}
