using System.Text.Json.Serialization;

namespace EdgeWasm.Protocol.Topics;

/// <summary>What a <see cref="ReportedChange"/> carries.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportedChangeKind>))]
public enum ReportedChangeKind
{
    /// <summary>A workload's new status (<see cref="ReportedChange.Workload"/>).</summary>
    WorkloadStatus,
    /// <summary>A workload is gone (<see cref="ReportedChange.RemovedWorkload"/>).</summary>
    WorkloadRemoved,
    /// <summary>A desired version was applied (<see cref="ReportedChange.AppliedVersion"/>).</summary>
    AppliedVersion,
    /// <summary>Device facts changed (<see cref="ReportedChange.Device"/>).</summary>
    DeviceInfo,
}
