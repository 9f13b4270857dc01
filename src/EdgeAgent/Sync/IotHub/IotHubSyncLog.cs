using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Sync.IotHub;

/// <summary>Source-generated log messages of the agent's IoT Hub link (event ids 2350–2399; the shared ones are in <see cref="SyncLog"/>).</summary>
internal static partial class IotHubSyncLog
{
    [LoggerMessage(EventId = 2350, Level = LogLevel.Debug, Message = "Twin report up to sequence {Sequence} delivered (patch of {Members} members, trim level {Level}, reported version {Version})")]
    public static partial void ReportDelivered(ILogger logger, long sequence, int members, int level, long version);

    [LoggerMessage(EventId = 2351, Level = LogLevel.Warning, Message = "IoT Hub answered the {Operation} with {Status}; trying again in {Delay}")]
    public static partial void Retrying(ILogger logger, string operation, int status, TimeSpan delay);

    [LoggerMessage(EventId = 2352, Level = LogLevel.Error, Message = "IoT Hub refused the twin report up to sequence {Sequence} for good (400): {Reason}; those changes went out only as telemetry")]
    public static partial void ReportRefused(ILogger logger, long sequence, string reason);

    [LoggerMessage(EventId = 2353, Level = LogLevel.Warning, Message = "The twin report is trimmed to level {Level} ({Size} of {Budget} bytes); the changes go out whole as telemetry")]
    public static partial void ReportTrimmed(ILogger logger, int level, long size, int budget);

    [LoggerMessage(EventId = 2354, Level = LogLevel.Warning, Message = "Could not send {What} as telemetry")]
    public static partial void TelemetryFailed(ILogger logger, Exception exception, string what);

    [LoggerMessage(EventId = 2355, Level = LogLevel.Information, Message = "Desired properties jumped from version {Known} to {Version}; fetching the whole twin")]
    public static partial void DesiredGap(ILogger logger, long known, long version);

    [LoggerMessage(EventId = 2356, Level = LogLevel.Warning, Message = "The twin sync session failed; starting it again in {Delay}")]
    public static partial void SessionFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 2357, Level = LogLevel.Warning, Message = "Could not answer direct method {Method}")]
    public static partial void MethodFailed(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 2358, Level = LogLevel.Debug, Message = "Answered direct method {Method} with {Status}")]
    public static partial void MethodAnswered(ILogger logger, string method, int status);

    [LoggerMessage(EventId = 2359, Level = LogLevel.Warning, Message = "The twin's report has sequence {HubSequence}, ahead of the store's {StoreSequence} (was the store restored?); the cloud sees changes again once they pass it")]
    public static partial void HubAhead(ILogger logger, long hubSequence, long storeSequence);

    [LoggerMessage(EventId = 2360, Level = LogLevel.Warning, Message = "IoT Hub's {Operation} did not complete ({Reason}); fetching the twin again")]
    public static partial void RequestLost(ILogger logger, string operation, string reason);
}
