namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>The <c>.dockerconfigjson</c> key of a kubernetes.io/dockerconfigjson Secret.</summary>
internal sealed record DockerConfig
{
    /// <summary>Registry key (host, host:port, URL or host/path prefix) → credentials.</summary>
    public IReadOnlyDictionary<string, DockerConfigEntry>? Auths { get; init; }
}
