using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>What a manifests folder holds: pods, ConfigMaps and Secrets (each with the file it came from), and what could not be read.</summary>
internal sealed record ManifestSet
{
    /// <summary>Pods with their source file.</summary>
    public IReadOnlyList<(Pod Pod, string File)> Pods { get; init; } = [];

    /// <summary>ConfigMaps by namespace/name.</summary>
    public IReadOnlyDictionary<string, ConfigMap> ConfigMaps { get; init; } = new Dictionary<string, ConfigMap>();

    /// <summary>Secrets by namespace/name.</summary>
    public IReadOnlyDictionary<string, Secret> Secrets { get; init; } = new Dictionary<string, Secret>();

    /// <summary>Every problem, naming the file (and document).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
