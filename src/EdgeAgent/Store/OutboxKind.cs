namespace EdgeWasm.EdgeAgent.Store;

/// <summary>What an outbox entry reports. The sync layer turns each kind into its wire message.</summary>
internal enum OutboxKind
{
    /// <summary>A workload's status changed; subject is the workload id, payload its <c>WorkloadStatus</c> JSON.</summary>
    WorkloadStatus,

    /// <summary>A workload is gone (removed from the desired state); subject is the workload id, payload <c>{}</c>.</summary>
    WorkloadRemoved,

    /// <summary>A desired document was applied; payload is its version as a JSON number.</summary>
    AppliedVersion,

    /// <summary>Device facts changed (profile, capacity, agent version); payload is <c>DeviceInfo</c> JSON.</summary>
    DeviceInfo,
}
