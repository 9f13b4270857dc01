using System.Globalization;
using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>Builds the core/v1 Event the kubelet's recorder would create for a pod event.</summary>
internal static class PodEventFactory
{
    /// <summary>The kubelet's component name, shown in kubectl describe as the event's source.</summary>
    public const string Component = "kubelet";

    /// <summary>An Event for <paramref name="record"/>; <paramref name="sequence"/> keeps names unique within one instant.</summary>
    public static Event Create(Pod pod, PodEventRecord record, string nodeName, DateTimeOffset now, int sequence = 0)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(record);
        // The recorder names events <object>.<hex unix nanoseconds>.
        var nanos = (now - DateTimeOffset.UnixEpoch).Ticks * 100 + sequence;
        return new Event
        {
            Metadata = new ObjectMeta
            {
                Name = $"{pod.Metadata.Name}.{nanos.ToString("x", CultureInfo.InvariantCulture)}",
                Namespace = pod.Metadata.Namespace,
            },
            InvolvedObject = new ObjectReference
            {
                Kind = "Pod",
                ApiVersion = "v1",
                Namespace = pod.Metadata.Namespace,
                Name = pod.Metadata.Name,
                Uid = pod.Metadata.Uid,
                ResourceVersion = pod.Metadata.ResourceVersion,
                FieldPath = record.FieldPath,
            },
            Reason = record.Reason,
            Message = record.Message,
            Type = record.Type,
            Source = new EventSource { Component = Component, Host = nodeName },
            ReportingComponent = Component,
            ReportingInstance = nodeName,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
    }
}
