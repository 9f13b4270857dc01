namespace EdgeWasm.Protocol.Documents;

/// <summary>Limits for one workload. Null means the profile's default.</summary>
public sealed record WorkloadLimits
{
    /// <summary>Cap on linear memory, in bytes.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>CPU share as fuel per second (the profile converts cores to fuel).</summary>
    public long? FuelPerSecond { get; init; }

    /// <summary>Wall-clock limit for one run, in milliseconds (activeDeadlineSeconds).</summary>
    public long? DeadlineMs { get; init; }
}
