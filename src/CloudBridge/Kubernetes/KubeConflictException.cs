using System.Net;
using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Kubernetes;

/// <summary>
/// 409 Conflict: an update carried a stale resourceVersion (or a precondition failed). Read the object again,
/// reapply the change and retry.
/// </summary>
internal sealed class KubeConflictException(string message, KubeStatus? status)
    : KubeApiException(message, HttpStatusCode.Conflict, status);
