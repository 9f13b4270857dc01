namespace EdgeWasm.CloudBridge.Kubernetes.Informers;

/// <summary>How the informer's cache changed.</summary>
internal enum InformerEventType
{
    /// <summary>A new object.</summary>
    Added,
    /// <summary>A changed object.</summary>
    Modified,
    /// <summary>A removed object.</summary>
    Deleted,
}
