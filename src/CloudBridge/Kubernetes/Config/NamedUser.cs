namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>A kubeconfig users[] entry.</summary>
internal sealed class NamedUser
{
    /// <summary>Entry name.</summary>
    public string? Name { get; set; }

    /// <summary>The credentials.</summary>
    public UserEntry? User { get; set; }
}
