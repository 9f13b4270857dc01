using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Kubernetes.Informers;

/// <summary>One change of the cache: the object now (or last seen, for Deleted) and what was cached before.</summary>
internal sealed record InformerEvent<T>(InformerEventType Type, T Object, T? Previous) where T : KubeObject;
