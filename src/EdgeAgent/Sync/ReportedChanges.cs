using System.Globalization;
using System.Text.Json;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>Turns outbox entries into the wire's <see cref="ReportedChange"/>.</summary>
internal static class ReportedChanges
{
    /// <summary>The change an outbox entry reports. Throws <see cref="FormatException"/> for an entry that cannot be read.</summary>
    public static ReportedChange FromOutbox(OutboxEntry entry, string deviceId, string stream)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var change = new ReportedChange
        {
            DeviceId = deviceId,
            Stream = stream,
            Sequence = entry.Sequence,
            ObservedAt = entry.CreatedAt,
            Kind = ReportedChangeKind.AppliedVersion,
        };
        try
        {
            return entry.Kind switch
            {
                OutboxKind.WorkloadStatus => change with
                {
                    Kind = ReportedChangeKind.WorkloadStatus,
                    Workload = JsonSerializer.Deserialize(entry.Payload, TopicJsonContext.Default.WorkloadStatus) ?? throw new FormatException("status is null"),
                },
                OutboxKind.WorkloadRemoved => change with
                {
                    Kind = ReportedChangeKind.WorkloadRemoved,
                    RemovedWorkload = WorkloadId.Parse(entry.Subject ?? throw new FormatException("removal without a workload id")),
                },
                OutboxKind.AppliedVersion => change with { AppliedVersion = long.Parse(entry.Payload, NumberStyles.None, CultureInfo.InvariantCulture) },
                OutboxKind.DeviceInfo => change with
                {
                    Kind = ReportedChangeKind.DeviceInfo,
                    Device = JsonSerializer.Deserialize(entry.Payload, TopicJsonContext.Default.DeviceInfo) ?? throw new FormatException("device info is null"),
                },
                _ => throw new FormatException($"unknown outbox kind {entry.Kind}"),
            };
        }
        catch (JsonException ex)
        {
            throw new FormatException($"outbox entry {entry.Sequence} ({entry.Kind}) is not valid JSON: {ex.Message}", ex);
        }
    }
}
