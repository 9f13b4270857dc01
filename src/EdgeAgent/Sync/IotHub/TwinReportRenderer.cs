using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.EdgeAgent.Sync.IotHub;

/// <summary>
/// Writes a <see cref="TwinState"/> as the twin's report, trimmed just enough to fit the reported-properties budget:
/// level 0 is everything; 1 cuts status messages to <see cref="ShortMessage"/> characters; 2 drops them; 3 keeps
/// only what pod status needs (state, reason, exit code, restarts, times, pod UID). A trimmed report says its level;
/// the changes it folded also go out whole as telemetry.
/// </summary>
internal static class TwinReportRenderer
{
    /// <summary>The most trimmed level.</summary>
    public const int MaxLevel = 3;

    /// <summary>Message length at level 1.</summary>
    public const int ShortMessage = 256;

    /// <summary>
    /// The report at the first level from <paramref name="minLevel"/> that fits <paramref name="budget"/> (by the twin
    /// size rule, key included) and keeps the twin's rules; the most trimmed one when none does (the hub will refuse it).
    /// </summary>
    public static (JsonObject Report, int Level, long Size) Render(TwinState state, int budget, int minLevel = 0)
    {
        ArgumentNullException.ThrowIfNull(state);
        (JsonObject Report, int Level, long Size) last = default;
        for (var level = Math.Clamp(minLevel, 0, MaxLevel); level <= MaxLevel; level++)
        {
            var report = Report(state, level);
            var json = (JsonObject)JsonSerializer.SerializeToNode(report, IotHubJsonContext.Default.TwinReport)!;
            var size = TwinReport.PropertyName.Length + TwinSize.Measure(json);
            last = (json, level, size);
            if (size <= budget && TwinSize.Problem(json) is null) return last;
        }

        return last;
    }

    private static TwinReport Report(TwinState state, int level) => new()
    {
        Stream = state.Stream,
        Sequence = state.Sequence,
        ObservedAt = state.ObservedAt,
        AppliedVersion = state.AppliedVersion,
        Device = state.Device,
        Workloads = state.Workloads.ToDictionary(p => p.Key, p => Trim(p.Value, level), StringComparer.Ordinal),
        TrimLevel = level,
        Heartbeat = state.Heartbeat,
        Rejected = state.Rejected is { } rejected ? rejected with { Reason = Cut(rejected.Reason, level == 0 ? 1024 : ShortMessage)! } : null,
        Refused = state.Refused is { } refused ? refused with { Reason = Cut(refused.Reason, level == 0 ? 1024 : ShortMessage)! } : null,
    };

    private static WorkloadStatus Trim(WorkloadStatus status, int level) => level switch
    {
        0 => status,
        1 => status with
        {
            Message = Cut(status.Message, ShortMessage),
            LastTermination = status.LastTermination is { } t ? t with { Message = Cut(t.Message, ShortMessage) } : null,
        },
        2 => status with { Message = null, LastTermination = status.LastTermination is { } t ? t with { Message = null } : null },
        _ => new WorkloadStatus
        {
            Id = status.Id,
            PodUid = status.PodUid,
            State = status.State,
            Reason = status.Reason,
            ExitCode = status.ExitCode,
            RestartCount = status.RestartCount,
            StartedAt = status.StartedAt,
            FinishedAt = status.FinishedAt,
        },
    };

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";
}
