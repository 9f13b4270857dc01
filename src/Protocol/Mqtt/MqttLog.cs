using Microsoft.Extensions.Logging;

namespace EdgeWasm.Protocol.Mqtt;

/// <summary>Source-generated log messages of the MQTT binding (event ids 4000–4049).</summary>
internal static partial class MqttLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "MQTT client {ClientId} connected to {Host}:{Port} with {Protocol} (session present: {SessionPresent})")]
    public static partial void Connected(ILogger logger, string clientId, string host, int port, MqttProtocolVersion protocol, bool sessionPresent);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "MQTT client {ClientId} is not connected ({Reason}); next attempt in {RetryIn}")]
    public static partial void Disconnected(ILogger logger, string clientId, string reason, TimeSpan retryIn);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "MQTT client {ClientId}: the broker does not speak MQTT 5; falling back to 3.1.1")]
    public static partial void ProtocolFallback(ILogger logger, string clientId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "MQTT client {ClientId}: the broker refused the subscription to {Filter} (code {Code})")]
    public static partial void SubscriptionRefused(ILogger logger, string clientId, string filter, int code);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "MQTT client {ClientId}: the inline handler failed for a message on {Topic}")]
    public static partial void InlineHandlerFailed(ILogger logger, Exception exception, string clientId, string topic);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "libmosquitto {ClientId}: {Text}")]
    public static partial void Library(ILogger logger, string clientId, string text);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "MQTT client {ClientId}: the network thread did not stop; libmosquitto resources are released when it does")]
    public static partial void SlowShutdown(ILogger logger, string clientId);
}
