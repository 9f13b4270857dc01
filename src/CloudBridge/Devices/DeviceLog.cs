using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>Source-generated log messages of the device link (event ids 3100–3149).</summary>
internal static partial class DeviceLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Device registry loaded {Devices} devices and replayed {Changes} journal entries from {Directory}")]
    public static partial void Loaded(ILogger logger, int devices, int changes, string directory);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Device registry journal line {Line} was cut by a crash and is dropped")]
    public static partial void JournalTornLine(ILogger logger, int line);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Device registry journal line {Line} is not a reported change and is skipped: {Text}")]
    public static partial void JournalBadLine(ILogger logger, Exception exception, int line, string text);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Device {DeviceId} skipped sequences {From}..{To} of stream {Stream}; the changes in between never arrived")]
    public static partial void Gap(ILogger logger, string deviceId, long from, long to, string stream);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Device {DeviceId} started outbox stream {Stream} (was {Previous}); its sequences count from the start again")]
    public static partial void StreamReset(ILogger logger, string deviceId, string stream, string previous);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Refused a {Channel} payload of {Bytes} bytes from device {DeviceId} on {Topic}: {Reason}")]
    public static partial void Refused(ILogger logger, TopicKind channel, int bytes, string deviceId, string topic, string reason);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "Device {DeviceId} refused {Channel} (version {Version}, request {RequestId}): {Reason}")]
    public static partial void DeviceRejected(ILogger logger, string deviceId, TopicKind channel, long? version, string? requestId, string reason);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Error, Message = "Device registry could not write its journal; the bridge keeps running on what it has in memory")]
    public static partial void JournalFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Warning, Message = "Ignored a message on {Topic}, which is not part of the topic contract")]
    public static partial void ForeignTopic(ILogger logger, string topic);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Information, Message = "Published desired version {Version} for device {DeviceId} ({Bytes} bytes)")]
    public static partial void DesiredPublished(ILogger logger, string deviceId, long version, int bytes);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "A logs response {RequestId} from device {DeviceId} matched no waiting request (it timed out or was answered twice)")]
    public static partial void LogsResponseUnmatched(ILogger logger, string requestId, string deviceId);
}
