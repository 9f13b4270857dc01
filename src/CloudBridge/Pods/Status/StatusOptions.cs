namespace EdgeWasm.CloudBridge.Pods.Status;

/// <summary>How the pod status loop treats deletions.</summary>
internal sealed record StatusOptions
{
    /// <summary>
    /// A pod being deleted whose device is offline waits for the device to return and confirm its workloads stopped,
    /// as a pod on an unreachable kubelet does. With a value, it is removed anyway once its grace period is this far
    /// behind (the workloads may then still run on the device until it reconnects and receives its document).
    /// </summary>
    public TimeSpan? OfflineDeletionTimeout { get; init; }
}
