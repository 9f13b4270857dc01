namespace EdgeWasm.Protocol.Documents;

/// <summary>What a device reports: its workloads' status, who it is, and which desired version it applied.</summary>
public sealed record ReportedState
{
    // Accessors with backing fields: System.Text.Json's source generator assigns every init-only property,
    // passing default(T) for members absent from the JSON (dotnet/runtime#84484); these put the defaults back.
    private readonly int _schema = DesiredState.CurrentSchema;
    private readonly IReadOnlyList<WorkloadStatus> _workloads = [];

    /// <summary>Format version. Absent (0) means the current one.</summary>
    public int Schema { get => _schema; init => _schema = value == 0 ? DesiredState.CurrentSchema : value; }

    /// <summary>The reporting device.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The desired version last applied (0 when none).</summary>
    public long AppliedVersion { get; init; }

    /// <summary>When the agent observed this state.</summary>
    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>Static facts about the device.</summary>
    public required DeviceInfo Device { get; init; }

    /// <summary>Every workload the agent knows, admitted or not.</summary>
    public IReadOnlyList<WorkloadStatus> Workloads { get => _workloads; init => _workloads = value ?? []; }
}
