namespace EdgeWasm.CloudBridge.Pods;

/// <summary>An event to record about a pod, as the kubelet would: type, reason, message and the container's field path.</summary>
internal sealed record PodEventRecord(string Type, string Reason, string Message, string? FieldPath = null)
{
    /// <summary>Event type for expected transitions.</summary>
    public const string Normal = "Normal";

    /// <summary>Event type for problems.</summary>
    public const string Warning = "Warning";
}
