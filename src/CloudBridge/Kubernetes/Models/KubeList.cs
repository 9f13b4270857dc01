namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>A list of objects of one kind (PodList, NodeList, ...).</summary>
internal sealed record KubeList<T> : KubeModel where T : KubeObject
{
    /// <summary>apiVersion of the list.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>kind of the list, e.g. <c>PodList</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>List metadata: resourceVersion and continue token.</summary>
    public ListMeta Metadata { get; set; } = new();

    /// <summary>The items.</summary>
    public IReadOnlyList<T> Items { get; set; } = [];
}
