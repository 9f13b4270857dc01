using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>Source-generated log messages of the agent's cloud sync (event ids 2300–2349).</summary>
internal static partial class SyncLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Sync for device {DeviceId} starts with outbox stream {Stream}: {Pending} changes pending after sequence {Acknowledged}")]
    public static partial void Starting(ILogger logger, string deviceId, string stream, long pending, long acknowledged);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Stored desired version {Version} ({Workloads} workloads)")]
    public static partial void DesiredStored(ILogger logger, long version, int workloads);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Debug, Message = "Ignored desired version {Version}: not newer than the stored one")]
    public static partial void DesiredNotNewer(ILogger logger, long version);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Refused a {Channel} payload of {Bytes} bytes on {Topic}: {Reason}")]
    public static partial void Refused(ILogger logger, TopicKind channel, int bytes, string topic, string reason);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Error, Message = "Could not store desired version {Version}; it will be fetched again from the broker")]
    public static partial void DesiredStoreFailed(ILogger logger, Exception exception, long version);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Error, Message = "Outbox entry {Sequence} cannot be delivered and is skipped: {Reason}")]
    public static partial void PoisonEntry(ILogger logger, long sequence, string reason);

    [LoggerMessage(EventId = 2306, Level = LogLevel.Warning, Message = "Publishing outbox entry {Sequence} failed; resending from sequence {From} in {Delay}")]
    public static partial void DrainFailed(ILogger logger, Exception exception, long sequence, long from, TimeSpan delay);

    [LoggerMessage(EventId = 2307, Level = LogLevel.Debug, Message = "Dropped logs request {RequestId}: it expired at {ExpiresAt} while the device was away")]
    public static partial void LogsRequestExpired(ILogger logger, string requestId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2308, Level = LogLevel.Warning, Message = "Could not answer logs request {RequestId}")]
    public static partial void LogsAnswerFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 2309, Level = LogLevel.Warning, Message = "Could not publish {What}")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string what);
}
