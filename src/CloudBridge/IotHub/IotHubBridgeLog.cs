using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.IotHub;

/// <summary>Source-generated log messages of the bridge's IoT Hub link (event ids 3900–3949).</summary>
internal static partial class IotHubBridgeLog
{
    [LoggerMessage(EventId = 3900, Level = LogLevel.Information, Message = "Wrote desired version {Version} into the twin of device {DeviceId} ({Bytes} bytes by the twin size rule)")]
    public static partial void DesiredWritten(ILogger logger, string deviceId, long version, long bytes);

    [LoggerMessage(EventId = 3901, Level = LogLevel.Debug, Message = "The twin of device {DeviceId} already holds desired version {Existing}; version {Version} is not written")]
    public static partial void DesiredNotNewer(ILogger logger, string deviceId, long existing, long version);

    [LoggerMessage(EventId = 3902, Level = LogLevel.Information, Message = "The twin of device {DeviceId} changed while the bridge wrote it (412); reading it again")]
    public static partial void TwinConflict(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 3903, Level = LogLevel.Information, Message = "Created the IoT Hub identity of device {DeviceId}")]
    public static partial void DeviceCreated(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 3904, Level = LogLevel.Warning, Message = "Reading the twins failed; trying again in {Delay}")]
    public static partial void PollFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 3905, Level = LogLevel.Debug, Message = "Read {Twins} twins in {Elapsed}")]
    public static partial void Polled(ILogger logger, int twins, TimeSpan elapsed);
}
