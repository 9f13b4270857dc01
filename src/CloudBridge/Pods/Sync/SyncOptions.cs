namespace EdgeWasm.CloudBridge.Pods.Sync;

/// <summary>How the pod sync loop pins images and publishes documents.</summary>
internal sealed record SyncOptions
{
    /// <summary>After the desired subscription is confirmed, how long to wait for retained documents before the first publish.</summary>
    public TimeSpan RetainedSettle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long pinning one image may take before the pod goes on unpinned.</summary>
    public TimeSpan PinTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest desired document (must match the agents' limit).</summary>
    public int DesiredLimit { get; init; } = Protocol.Topics.PayloadLimits.Default.Desired;
}
