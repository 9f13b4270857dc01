namespace EdgeWasm.CloudBridge.Pods;

/// <summary>Pod condition types and reasons the bridge writes, as the kubelet names them.</summary>
internal static class PodConditions
{
    /// <summary>The pod is bound to a node.</summary>
    public const string PodScheduled = "PodScheduled";

    /// <summary>Every init container completed.</summary>
    public const string Initialized = "Initialized";

    /// <summary>Every container is ready.</summary>
    public const string ContainersReady = "ContainersReady";

    /// <summary>The pod can serve.</summary>
    public const string Ready = "Ready";

    /// <summary>The kubelet's sandbox condition (not written by the bridge, but owned by the kubelet).</summary>
    public const string PodReadyToStartContainers = "PodReadyToStartContainers";

    /// <summary>EdgeWasm's own condition: whether the device running the pod answers, and when it was last seen.</summary>
    public const string DeviceReachable = "edgewasm.io/DeviceReachable";

    /// <summary>True when the kubelet (here: the bridge) owns a condition type; others' conditions are kept as they are.</summary>
    public static bool OwnedByBridge(string type) =>
        type is PodScheduled or Initialized or ContainersReady or Ready or PodReadyToStartContainers or DeviceReachable;
}
