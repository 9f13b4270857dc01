namespace EdgeWasm.Protocol.Documents;

/// <summary>
/// What a device should run: the whole set of workloads, versioned. The bridge writes it; the agent
/// applies documents in version order and ignores older ones.
/// </summary>
public sealed record DesiredState
{
    /// <summary>The schema version of this document format.</summary>
    public const int CurrentSchema = 1;

    // Accessors with backing fields: System.Text.Json's source generator assigns every init-only property,
    // passing default(T) for members absent from the JSON (dotnet/runtime#84484); these put the defaults back.
    private readonly int _schema = CurrentSchema;
    private readonly IReadOnlyList<WorkloadSpec> _workloads = [];

    /// <summary>Format version; an agent refuses a schema it does not know. Absent (0) means the current one.</summary>
    public int Schema { get => _schema; init => _schema = value == 0 ? CurrentSchema : value; }

    /// <summary>The device this document is for.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Monotonic version; higher wins.</summary>
    public required long Version { get; init; }

    /// <summary>Every workload the device should have, init workloads included.</summary>
    public IReadOnlyList<WorkloadSpec> Workloads { get => _workloads; init => _workloads = value ?? []; }
}
