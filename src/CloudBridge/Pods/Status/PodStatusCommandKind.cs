namespace EdgeWasm.CloudBridge.Pods.Status;

/// <summary>What a <see cref="PodStatusCommand"/> does.</summary>
internal enum PodStatusCommandKind
{
    /// <summary>Record an event about the pod.</summary>
    RecordEvent,
    /// <summary>Write the pod's status (it differs from the stored one).</summary>
    WriteStatus,
    /// <summary>Delete the pod: it is being deleted and its workloads stopped on a device that caught up.</summary>
    Delete,
    /// <summary>Delete the pod although its device never confirmed: offline past the configured timeout.</summary>
    ForceDelete,
}
