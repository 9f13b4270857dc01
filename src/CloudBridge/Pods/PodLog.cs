using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>Source-generated log messages of the pod sync and status loops (event ids 3400–3449).</summary>
internal static partial class PodLog
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Information, Message = "Device {DeviceId}: desired version {Version} with {Workloads} workloads of {Pods} pods")]
    public static partial void DesiredChanged(ILogger logger, string deviceId, long version, int workloads, int pods);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Pod {Namespace}/{Pod} is rejected: {Reason}: {Message}")]
    public static partial void Rejected(ILogger logger, string @namespace, string pod, string reason, string message);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Image {Image} of pod {Namespace}/{Pod} could not be pinned to a digest; the device resolves the tag itself")]
    public static partial void NotPinned(ILogger logger, string image, string @namespace, string pod);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Debug, Message = "Pinned image {Image} of pod {Namespace}/{Pod} to {Digest}")]
    public static partial void Pinned(ILogger logger, string image, string @namespace, string pod, string digest);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Warning, Message = "Device {DeviceId}: the desired document is over {Limit} bytes; {Count} pods left out and failed")]
    public static partial void TooLarge(ILogger logger, string deviceId, int limit, int count);

    [LoggerMessage(EventId = 3405, Level = LogLevel.Information, Message = "Device {DeviceId}: the broker holds desired version {Version}, ahead of this bridge; taking over from it")]
    public static partial void Overtaken(ILogger logger, string deviceId, long version);

    [LoggerMessage(EventId = 3420, Level = LogLevel.Information, Message = "Pod {Namespace}/{Pod} on {Node}: {Phase}")]
    public static partial void PhaseChanged(ILogger logger, string @namespace, string pod, string node, string phase);

    [LoggerMessage(EventId = 3421, Level = LogLevel.Debug, Message = "Pod {Namespace}/{Pod} changed under us (409); reading it again")]
    public static partial void StatusConflict(ILogger logger, string @namespace, string pod);

    [LoggerMessage(EventId = 3422, Level = LogLevel.Information, Message = "Pod {Namespace}/{Pod} ({Uid}) deleted: its workloads on {DeviceId} stopped")]
    public static partial void Deleted(ILogger logger, string @namespace, string pod, string uid, string deviceId);

    [LoggerMessage(EventId = 3423, Level = LogLevel.Warning, Message = "Pod {Namespace}/{Pod} force-deleted: device {DeviceId} has been offline for {OfflineSeconds} s past the grace period")]
    public static partial void ForceDeleted(ILogger logger, string @namespace, string pod, string deviceId, long offlineSeconds);

    [LoggerMessage(EventId = 3424, Level = LogLevel.Warning, Message = "Could not record event {Reason} for pod {Namespace}/{Pod}: {Error}")]
    public static partial void EventFailed(ILogger logger, string reason, string @namespace, string pod, string error);
}
