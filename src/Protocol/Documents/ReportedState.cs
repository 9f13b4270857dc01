namespace EdgeWasm.Protocol.Documents;

/// <summary>What a device reports: its workloads' status, who it is, and which desired version it applied.</summary>
public sealed record ReportedState
{
    /// <summary>Format version.</summary>
    public int Schema { get; init; } = DesiredState.CurrentSchema;

    /// <summary>The reporting device.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The desired version last applied (0 when none).</summary>
    public long AppliedVersion { get; init; }

    /// <summary>When the agent observed this state.</summary>
    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>Static facts about the device.</summary>
    public required DeviceInfo Device { get; init; }

    /// <summary>Every workload the agent knows, admitted or not.</summary>
    public IReadOnlyList<WorkloadStatus> Workloads { get; init; } = [];
}
