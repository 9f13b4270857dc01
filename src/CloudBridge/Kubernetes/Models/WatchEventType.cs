namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>The type of a watch event.</summary>
internal enum WatchEventType
{
    /// <summary>An object was created (or entered the selection).</summary>
    Added,
    /// <summary>An object changed.</summary>
    Modified,
    /// <summary>An object was deleted (or left the selection).</summary>
    Deleted,
    /// <summary>Only a resourceVersion: nothing of interest happened up to it.</summary>
    Bookmark,
    /// <summary>The server reports an error (a Status), e.g. 410 Gone.</summary>
    Error,
}
