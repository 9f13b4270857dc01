using YamlDotNet.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>The kubeconfig file format (clientcmd v1), as far as the bridge reads it.</summary>
internal sealed class KubeConfigFile
{
    /// <summary>Named clusters.</summary>
    public List<NamedCluster>? Clusters { get; set; }

    /// <summary>Named users (credentials).</summary>
    public List<NamedUser>? Users { get; set; }

    /// <summary>Named contexts: a cluster, a user and a namespace.</summary>
    public List<NamedContext>? Contexts { get; set; }

    /// <summary>The context used unless one is named.</summary>
    [YamlMember(Alias = "current-context", ApplyNamingConventions = false)]
    public string? CurrentContext { get; set; }
}
