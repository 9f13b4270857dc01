using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Kubernetes;

/// <summary>The resources the bridge uses.</summary>
internal static class KubeResources
{
    /// <summary>core/v1 pods.</summary>
    public static KubeResource<Pod> Pods { get; } = new()
    {
        Group = "", Version = "v1", Plural = "pods", Kind = "Pod", Namespaced = true,
        TypeInfo = KubeJsonContext.Default.Pod, ListTypeInfo = KubeJsonContext.Default.KubeListPod,
    };

    /// <summary>core/v1 nodes.</summary>
    public static KubeResource<Node> Nodes { get; } = new()
    {
        Group = "", Version = "v1", Plural = "nodes", Kind = "Node", Namespaced = false,
        TypeInfo = KubeJsonContext.Default.Node, ListTypeInfo = KubeJsonContext.Default.KubeListNode,
    };

    /// <summary>coordination.k8s.io/v1 leases (node heartbeats live in kube-node-lease).</summary>
    public static KubeResource<Lease> Leases { get; } = new()
    {
        Group = "coordination.k8s.io", Version = "v1", Plural = "leases", Kind = "Lease", Namespaced = true,
        TypeInfo = KubeJsonContext.Default.Lease, ListTypeInfo = KubeJsonContext.Default.KubeListLease,
    };

    /// <summary>core/v1 events.</summary>
    public static KubeResource<Event> Events { get; } = new()
    {
        Group = "", Version = "v1", Plural = "events", Kind = "Event", Namespaced = true,
        TypeInfo = KubeJsonContext.Default.Event, ListTypeInfo = KubeJsonContext.Default.KubeListEvent,
    };

    /// <summary>core/v1 configmaps.</summary>
    public static KubeResource<ConfigMap> ConfigMaps { get; } = new()
    {
        Group = "", Version = "v1", Plural = "configmaps", Kind = "ConfigMap", Namespaced = true,
        TypeInfo = KubeJsonContext.Default.ConfigMap, ListTypeInfo = KubeJsonContext.Default.KubeListConfigMap,
    };

    /// <summary>core/v1 secrets.</summary>
    public static KubeResource<Secret> Secrets { get; } = new()
    {
        Group = "", Version = "v1", Plural = "secrets", Kind = "Secret", Namespaced = true,
        TypeInfo = KubeJsonContext.Default.Secret, ListTypeInfo = KubeJsonContext.Default.KubeListSecret,
    };

    /// <summary>authentication.k8s.io/v1 tokenreviews (create only): who a bearer token belongs to.</summary>
    public static KubeResource<TokenReview> TokenReviews { get; } = new()
    {
        Group = "authentication.k8s.io", Version = "v1", Plural = "tokenreviews", Kind = "TokenReview", Namespaced = false,
        TypeInfo = KubeJsonContext.Default.TokenReview, ListTypeInfo = KubeJsonContext.Default.KubeListTokenReview,
    };

    /// <summary>authorization.k8s.io/v1 subjectaccessreviews (create only): whether a user may do something.</summary>
    public static KubeResource<SubjectAccessReview> SubjectAccessReviews { get; } = new()
    {
        Group = "authorization.k8s.io", Version = "v1", Plural = "subjectaccessreviews", Kind = "SubjectAccessReview", Namespaced = false,
        TypeInfo = KubeJsonContext.Default.SubjectAccessReview, ListTypeInfo = KubeJsonContext.Default.KubeListSubjectAccessReview,
    };

    /// <summary>admissionregistration.k8s.io/v1 mutatingwebhookconfigurations.</summary>
    public static KubeResource<MutatingWebhookConfiguration> MutatingWebhookConfigurations { get; } = new()
    {
        Group = "admissionregistration.k8s.io", Version = "v1", Plural = "mutatingwebhookconfigurations", Kind = "MutatingWebhookConfiguration", Namespaced = false,
        TypeInfo = KubeJsonContext.Default.MutatingWebhookConfiguration, ListTypeInfo = KubeJsonContext.Default.KubeListMutatingWebhookConfiguration,
    };

    /// <summary>The namespace that holds node leases.</summary>
    public const string NodeLeaseNamespace = "kube-node-lease";
}
