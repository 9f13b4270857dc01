namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>metav1.ListMeta.</summary>
internal sealed record ListMeta : KubeModel
{
    /// <summary>The version of the snapshot the list was served from; watch from here.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Token for the next page, when the list was limited.</summary>
    public string? Continue { get; init; }

    /// <summary>How many items are left after this page (when the server knows).</summary>
    public long? RemainingItemCount { get; init; }
}
