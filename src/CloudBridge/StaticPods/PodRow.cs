namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>One pod: where it runs, its phase (or Terminating), the reason, ready containers, restarts, the device's liveness, and the latest event.</summary>
internal sealed record PodRow(string Namespace, string Name, string Node, string Device, string Phase, string? Reason, string Ready, int Restarts,
    bool DeviceOnline, DateTimeOffset? LastSeen, string? Message, string? LastEvent);
