namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ResourceRequirements; values are quantity strings (see <see cref="Quantity"/>).</summary>
internal sealed record ResourceRequirements : KubeModel
{
    /// <summary>Hard limits, e.g. <c>cpu: 500m</c>, <c>memory: 64Mi</c>.</summary>
    public IReadOnlyDictionary<string, Quantity>? Limits { get; init; }

    /// <summary>What the scheduler reserves.</summary>
    public IReadOnlyDictionary<string, Quantity>? Requests { get; init; }
}
