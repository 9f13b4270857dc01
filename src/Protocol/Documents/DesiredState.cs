namespace EdgeWasm.Protocol.Documents;

/// <summary>
/// What a device should run: the whole set of workloads, versioned. The bridge writes it; the agent
/// applies documents in version order and ignores older ones.
/// </summary>
public sealed record DesiredState
{
    /// <summary>The schema version of this document format.</summary>
    public const int CurrentSchema = 1;

    /// <summary>Format version; an agent refuses a schema it does not know.</summary>
    public int Schema { get; init; } = CurrentSchema;

    /// <summary>The device this document is for.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Monotonic version; higher wins.</summary>
    public required long Version { get; init; }

    /// <summary>Every workload the device should have, init workloads included.</summary>
    public IReadOnlyList<WorkloadSpec> Workloads { get; init; } = [];
}
