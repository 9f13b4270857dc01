using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.Topics;

/// <summary>
/// One status change on <c>…/reported</c>: an outbox entry of the agent. <see cref="Stream"/> and
/// <see cref="Sequence"/> identify it; the cloud applies each (stream, sequence) once, in order.
/// </summary>
public sealed record ReportedChange : IEnvelope
{
    /// <summary>The reporting device.</summary>
    public required string DeviceId { get; init; }

    /// <summary>
    /// Identifies the agent's outbox. Sequences grow within a stream; a new stream (the device's data was wiped)
    /// starts again at 1, and the cloud starts counting again with it.
    /// </summary>
    public required string Stream { get; init; }

    /// <summary>The outbox sequence: 1, 2, 3, … with no gaps in a stream.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the agent recorded the change.</summary>
    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>What changed; exactly the matching property below is set.</summary>
    public required ReportedChangeKind Kind { get; init; }

    /// <summary>For <see cref="ReportedChangeKind.WorkloadStatus"/>.</summary>
    public WorkloadStatus? Workload { get; init; }

    /// <summary>For <see cref="ReportedChangeKind.WorkloadRemoved"/>.</summary>
    public WorkloadId? RemovedWorkload { get; init; }

    /// <summary>For <see cref="ReportedChangeKind.AppliedVersion"/>.</summary>
    public long? AppliedVersion { get; init; }

    /// <summary>For <see cref="ReportedChangeKind.DeviceInfo"/>.</summary>
    public DeviceInfo? Device { get; init; }

    /// <inheritdoc />
    public string? Problem(string topicDevice)
    {
        if (DeviceId != topicDevice) return $"device id '{DeviceId}' does not match the topic's device '{topicDevice}'";
        if (string.IsNullOrEmpty(Stream) || Stream.Length > 64) return "stream must be 1-64 characters";
        if (Sequence < 1) return $"sequence {Sequence} is not positive";
        var carried = (Workload is not null ? 1 : 0) + (RemovedWorkload is not null ? 1 : 0) + (AppliedVersion is not null ? 1 : 0) + (Device is not null ? 1 : 0);
        var matches = Kind switch
        {
            ReportedChangeKind.WorkloadStatus => Workload is not null,
            ReportedChangeKind.WorkloadRemoved => RemovedWorkload is not null,
            ReportedChangeKind.AppliedVersion => AppliedVersion is >= 0,
            ReportedChangeKind.DeviceInfo => Device is not null,
            _ => false,
        };
        return matches && carried == 1 ? null : $"a {Kind} change must carry exactly its own payload";
    }
}
