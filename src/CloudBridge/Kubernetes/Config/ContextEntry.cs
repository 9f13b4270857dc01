namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>A kubeconfig context.</summary>
internal sealed class ContextEntry
{
    /// <summary>Cluster entry name.</summary>
    public string? Cluster { get; set; }

    /// <summary>User entry name.</summary>
    public string? User { get; set; }

    /// <summary>Default namespace.</summary>
    public string? Namespace { get; set; }
}
