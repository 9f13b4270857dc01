using System.Collections.Concurrent;
using EdgeWasm.CloudBridge.Cluster;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Pods;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>Pod events in static pod mode: logged, and the latest per pod kept for the status file.</summary>
internal sealed partial class StaticEventLog(ILogger<StaticEventLog> logger) : IPodEventSink
{
    private readonly ConcurrentDictionary<string, PodEventRecord> _latest = new(StringComparer.Ordinal);

    /// <summary>The latest event about pod <paramref name="uid"/>, or null.</summary>
    public PodEventRecord? Latest(string uid) => _latest.GetValueOrDefault(uid);

    /// <inheritdoc />
    public Task RecordAsync(Pod pod, PodEventRecord record, string nodeName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(record);
        _latest[pod.Metadata.Uid ?? ""] = record;
        var ns = pod.Metadata.Namespace ?? "";
        var name = pod.Metadata.Name ?? "";
        if (record.Type == PodEventRecord.Warning) LogWarning(logger, ns, name, nodeName, record.Reason, record.Message);
        else LogNormal(logger, ns, name, nodeName, record.Reason, record.Message);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3700, Level = LogLevel.Information, Message = "Pod {Namespace}/{Pod} on {Node}: {Reason}: {Message}")]
    private static partial void LogNormal(ILogger logger, string @namespace, string pod, string node, string reason, string message);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "Pod {Namespace}/{Pod} on {Node}: {Reason}: {Message}")]
    private static partial void LogWarning(ILogger logger, string @namespace, string pod, string node, string reason, string message);
}
