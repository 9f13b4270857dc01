using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>
/// What the agent keeps in its twin's reported property <c>edgewasm</c>: the state that the changes of its outbox
/// stream up to <see cref="Sequence"/> add up to. The bridge applies a report once, by (stream, sequence), and never
/// one older than what it has (see docs/iothub.md).
/// </summary>
public sealed record TwinReport
{
    /// <summary>The reported property that holds the report.</summary>
    public const string PropertyName = "edgewasm";

    private readonly int _schema = DesiredState.CurrentSchema;
    private readonly IReadOnlyDictionary<string, WorkloadStatus> _workloads = new Dictionary<string, WorkloadStatus>();

    /// <summary>Format version (absent means the current one).</summary>
    public int Schema { get => _schema; init => _schema = value == 0 ? DesiredState.CurrentSchema : value; }

    /// <summary>The agent's outbox stream (see <see cref="ReportedChange.Stream"/>).</summary>
    public required string Stream { get; init; }

    /// <summary>Every outbox change up to this sequence is folded into the report.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the agent recorded the newest change in the report.</summary>
    public DateTimeOffset? ObservedAt { get; init; }

    /// <summary>The desired version the device applied (0 before the first).</summary>
    public long AppliedVersion { get; init; }

    /// <summary>The device's facts, once it reported them.</summary>
    public DeviceInfo? Device { get; init; }

    /// <summary>Every workload's status, by <see cref="TwinKeys.Workload"/>.</summary>
    public IReadOnlyDictionary<string, WorkloadStatus> Workloads { get => _workloads; init => _workloads = value ?? new Dictionary<string, WorkloadStatus>(); }

    /// <summary>How much of the statuses was left out to fit the 32 KB reported limit (0: nothing).</summary>
    public int TrimLevel { get; init; }

    /// <summary>The agent's last heartbeat, written every few minutes.</summary>
    public TwinHeartbeat? Heartbeat { get; init; }

    /// <summary>The last desired document or method call the device refused, and why.</summary>
    public RejectedMessage? Rejected { get; init; }

    /// <summary>The last report the hub refused (400), and why; those changes are only in telemetry.</summary>
    public TwinRefusal? Refused { get; init; }

    /// <summary>Null when the report makes sense for <paramref name="deviceId"/>; else why not.</summary>
    public string? Problem(string deviceId)
    {
        if (Schema != DesiredState.CurrentSchema) return $"report schema {Schema} is not {DesiredState.CurrentSchema}";
        if (string.IsNullOrEmpty(Stream) || Stream.Length > 64) return "stream must be 1-64 characters";
        if (Sequence < 1) return $"sequence {Sequence} is not positive";
        foreach (var (key, status) in Workloads)
        {
            if (status is null) return $"workload '{key}' has no status";
            if (TwinKeys.Workload(status.Id) != key) return $"workload '{key}' holds the status of {status.Id}";
        }

        if (Rejected?.Problem(deviceId) is { } rejected) return rejected;
        return null;
    }
}

/// <summary>The agent's periodic sign of life in its twin.</summary>
/// <param name="SentAt">When, by the device's clock.</param>
/// <param name="OutboxPending">Changes not yet in the twin.</param>
public sealed record TwinHeartbeat(DateTimeOffset SentAt, long OutboxPending);

/// <summary>A report the hub refused with 400.</summary>
/// <param name="Sequence">The report's sequence.</param>
/// <param name="Reason">The hub's answer, or the agent's reading of it.</param>
/// <param name="At">When.</param>
public sealed record TwinRefusal(long Sequence, string Reason, DateTimeOffset At);
