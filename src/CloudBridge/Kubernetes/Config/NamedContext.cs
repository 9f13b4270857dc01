namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>A kubeconfig contexts[] entry.</summary>
internal sealed class NamedContext
{
    /// <summary>Entry name.</summary>
    public string? Name { get; set; }

    /// <summary>The context.</summary>
    public ContextEntry? Context { get; set; }
}
