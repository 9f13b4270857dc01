namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ResourceFieldSelector.</summary>
internal sealed record ResourceFieldSelector : KubeModel
{
    /// <summary>Container whose resources are read; defaults to the container being configured.</summary>
    public string? ContainerName { get; init; }

    /// <summary>limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, ...</summary>
    public required string Resource { get; init; }

    /// <summary>Output unit, a quantity; default 1.</summary>
    public string? Divisor { get; init; }
}
