namespace EdgeWasm.EdgeAgent.Store;

/// <summary>How full a workload's log ring is.</summary>
internal readonly record struct LogRingUsage(long Bytes, long Capacity, long Lines);
