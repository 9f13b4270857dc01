namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>A kubeconfig clusters[] entry.</summary>
internal sealed class NamedCluster
{
    /// <summary>Entry name.</summary>
    public string? Name { get; set; }

    /// <summary>The cluster.</summary>
    public ClusterEntry? Cluster { get; set; }
}
