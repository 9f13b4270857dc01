using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Pods.Status;

/// <summary>One idempotent step of a status pass for one pod: record an event, write its status, or delete it.</summary>
internal sealed record PodStatusCommand(PodStatusCommandKind Kind, Pod Pod, PodStatus? Status = null, PodEventRecord? Event = null);
