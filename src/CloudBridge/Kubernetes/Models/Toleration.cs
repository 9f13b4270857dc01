namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 Toleration.</summary>
internal sealed record Toleration : KubeModel
{
    /// <summary>Taint key; empty with Exists tolerates everything.</summary>
    public string? Key { get; init; }

    /// <summary>Exists or Equal (default).</summary>
    public string? Operator { get; init; }

    /// <summary>Taint value for Equal.</summary>
    public string? Value { get; init; }

    /// <summary>NoSchedule, PreferNoSchedule, NoExecute, or empty for all.</summary>
    public string? Effect { get; init; }

    /// <summary>For NoExecute: how long the pod stays bound once tainted; null is forever.</summary>
    public long? TolerationSeconds { get; init; }
}
