using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>
/// Everything outside the pod that its translation reads, fetched beforehand by the caller (see
/// <see cref="PodReferences"/>), so that <see cref="PodTranslator.Translate"/> stays a pure function.
/// </summary>
internal sealed record PodTranslationInputs
{
    /// <summary>The device's hardware profile: fuel per core-second for CPU limits, allocatable resources for unset limits.</summary>
    public required HardwareProfile Profile { get; init; }

    /// <summary>The node the pod is bound to (for <c>spec.nodeName</c> references).</summary>
    public required string NodeName { get; init; }

    /// <summary>The device's address, when known (for <c>status.hostIP</c> and <c>status.podIP</c>).</summary>
    public string? HostIP { get; init; }

    /// <summary>ConfigMaps of the pod's namespace, by name; an absent one is "not found".</summary>
    public IReadOnlyDictionary<string, ConfigMap> ConfigMaps { get; init; } = new Dictionary<string, ConfigMap>();

    /// <summary>Secrets of the pod's namespace, by name; an absent one is "not found".</summary>
    public IReadOnlyDictionary<string, Secret> Secrets { get; init; } = new Dictionary<string, Secret>();

    /// <summary>Digests the bridge resolved at admission, by the image string of the container spec.</summary>
    public IReadOnlyDictionary<string, ContentDigest> ResolvedDigests { get; init; } = new Dictionary<string, ContentDigest>();
}
