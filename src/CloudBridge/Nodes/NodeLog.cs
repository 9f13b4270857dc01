using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Nodes;

/// <summary>Source-generated log messages of the node and lease loops (event ids 3300–3349).</summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Registered node {Node} for device {DeviceId} (profile {Profile})")]
    public static partial void Registered(ILogger logger, string node, string deviceId, string profile);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Node {Node}: Ready is now {Ready} ({Reason})")]
    public static partial void ReadyChanged(ILogger logger, string node, string ready, string reason);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Debug, Message = "Node {Node}: wrote {Action}")]
    public static partial void Wrote(ILogger logger, string node, NodeAction action);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "Device {DeviceId} has no node yet: {Reason}")]
    public static partial void Waiting(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Debug, Message = "Node {Node} changed under us (409); reading it again")]
    public static partial void Conflict(ILogger logger, string node);

    [LoggerMessage(EventId = 3310, Level = LogLevel.Warning, Message = "Could not renew the lease of node {Node}: {Error}")]
    public static partial void LeaseFailed(ILogger logger, string node, string error);

    [LoggerMessage(EventId = 3311, Level = LogLevel.Debug, Message = "Renewed {Count} node leases in {Milliseconds} ms")]
    public static partial void LeasesRenewed(ILogger logger, int count, long milliseconds);
}
