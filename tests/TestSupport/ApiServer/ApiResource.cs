namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>A resource the double serves: where it lives in the URL space and how it behaves.</summary>
internal sealed record ApiResource(string Group, string Version, string Plural, string Kind, bool Namespaced, bool HasStatus)
{
    /// <summary>apiVersion of its objects.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The name the API uses in messages: <c>pods</c>, <c>leases.coordination.k8s.io</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Storage key prefix; core and events.k8s.io events are stored apart (a real server shares them).</summary>
    public string StorageKey => $"{Group}/{Plural}";

    /// <summary>Every resource the double serves.</summary>
    public static IReadOnlyList<ApiResource> All { get; } =
    [
        new("", "v1", "pods", "Pod", Namespaced: true, HasStatus: true),
        new("", "v1", "nodes", "Node", Namespaced: false, HasStatus: true),
        new("", "v1", "namespaces", "Namespace", Namespaced: false, HasStatus: true),
        new("", "v1", "configmaps", "ConfigMap", Namespaced: true, HasStatus: false),
        new("", "v1", "secrets", "Secret", Namespaced: true, HasStatus: false),
        new("", "v1", "events", "Event", Namespaced: true, HasStatus: false),
        new("coordination.k8s.io", "v1", "leases", "Lease", Namespaced: true, HasStatus: false),
        new("events.k8s.io", "v1", "events", "Event", Namespaced: true, HasStatus: false),
        new("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", Namespaced: false, HasStatus: false),
    ];

    /// <summary>Finds a resource by group, version and plural.</summary>
    public static ApiResource? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);
}
