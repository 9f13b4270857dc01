using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Pods;

namespace EdgeWasm.CloudBridge.Cluster;

/// <summary>Where pod events go: core/v1 Events in the API server, or the log and status file in static pod mode.</summary>
internal interface IPodEventSink
{
    /// <summary>Records <paramref name="record"/> about <paramref name="pod"/> on <paramref name="nodeName"/>.</summary>
    Task RecordAsync(Pod pod, PodEventRecord record, string nodeName, CancellationToken cancellationToken);
}
