using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>Source-generated log messages of the kubelet API (event ids 3500–3549).</summary>
internal static partial class KubeletApiLog
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Information, Message = "Kubelet API listening on https://{Endpoint} (certificate {Subject}, valid until {NotAfter})")]
    public static partial void Listening(ILogger logger, string endpoint, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "Logs of {Namespace}/{Pod}/{Container} for {User}: {Status}")]
    public static partial void Served(ILogger logger, string @namespace, string pod, string container, string user, int status);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "Logs of {Namespace}/{Pod}/{Container} refused to {User}: {Status} {Message}")]
    public static partial void Refused(ILogger logger, string @namespace, string pod, string container, string user, int status, string message);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "Logs of {Namespace}/{Pod}/{Container} failed: {Error}")]
    public static partial void Failed(ILogger logger, string @namespace, string pod, string container, string error);
}
