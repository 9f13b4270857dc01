namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 EnvVarSource: exactly one of its fields is set.</summary>
internal sealed record EnvVarSource : KubeModel
{
    /// <summary>A field of the pod (downward API).</summary>
    public ObjectFieldSelector? FieldRef { get; init; }

    /// <summary>A resource limit or request of a container.</summary>
    public ResourceFieldSelector? ResourceFieldRef { get; init; }

    /// <summary>A key of a ConfigMap.</summary>
    public ConfigMapKeySelector? ConfigMapKeyRef { get; init; }

    /// <summary>A key of a Secret.</summary>
    public SecretKeySelector? SecretKeyRef { get; init; }
}
