using Microsoft.Extensions.Logging;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>Source-generated log messages of the IoT Hub device client (event ids 4100–4149).</summary>
internal static partial class IotHubLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "IoT Hub device {DeviceId} connected to {Host} (session present: {SessionPresent})")]
    public static partial void Connected(ILogger logger, string deviceId, string host, bool sessionPresent);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "IoT Hub device {DeviceId} lost its connection: {Reason}")]
    public static partial void Disconnected(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "IoT Hub device {DeviceId} renews its SAS token (it expires at {ExpiresAt}) by connecting again")]
    public static partial void RenewingToken(ILogger logger, string deviceId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "IoT Hub refused device {DeviceId}'s credentials (CONNACK {Code}); a new token follows in {Delay}")]
    public static partial void CredentialsRefused(ILogger logger, string deviceId, int code, TimeSpan delay);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "IoT Hub sent device {DeviceId} a desired-properties notification on {Topic} that is not a JSON object; a twin GET will bring it")]
    public static partial void BadDesiredPatch(ILogger logger, string deviceId, string topic);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "IoT Hub device {DeviceId} ignored a message on {Topic}")]
    public static partial void UnexpectedTopic(ILogger logger, string deviceId, string topic);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Debug, Message = "IoT Hub answered request {RequestId} of device {DeviceId} after it stopped waiting")]
    public static partial void LateResponse(ILogger logger, string deviceId, string requestId);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Error, Message = "IoT Hub refused device {DeviceId}'s subscription to {Filter}")]
    public static partial void SubscriptionRefused(ILogger logger, Exception exception, string deviceId, string filter);
}
