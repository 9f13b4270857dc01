namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>A decoded watch event: an object for ADDED/MODIFIED/DELETED/BOOKMARK, a Status for ERROR.</summary>
internal sealed record WatchEvent<T>(WatchEventType Type, T? Object, KubeStatus? Error) where T : KubeObject;
