namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>authentication.k8s.io/v1 UserInfo.</summary>
internal sealed record UserInfo : KubeModel
{
    /// <summary>The user name.</summary>
    public string? Username { get; init; }

    /// <summary>A unique id of the user.</summary>
    public string? Uid { get; init; }

    /// <summary>The user's groups.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Further attributes the authenticator provided.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Extra { get; init; }
}
