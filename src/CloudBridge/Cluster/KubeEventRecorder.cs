using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Pods;

namespace EdgeWasm.CloudBridge.Cluster;

/// <summary>
/// Records pod events as core/v1 Events, aggregated as the kubelet's recorder does: the same event about the same
/// object within ten minutes raises the count and the last timestamp of the existing Event instead of making another.
/// </summary>
internal sealed class KubeEventRecorder(KubeClient client, TimeProvider time) : IPodEventSink
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private const int MaxRemembered = 4096;
    private readonly Dictionary<string, Seen> _seen = new(StringComparer.Ordinal);
    private int _sequence;

    /// <inheritdoc />
    public async Task RecordAsync(Pod pod, PodEventRecord record, string nodeName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(record);
        var now = time.GetUtcNow();
        var key = string.Join('\u0001', pod.Metadata.Namespace, pod.Metadata.Uid, record.Type, record.Reason, record.Message, record.FieldPath);
        Seen? seen;
        lock (_seen) _seen.TryGetValue(key, out seen);
        if (seen is not null && now - seen.Last < Window)
        {
            var count = seen.Count + 1;
            var patch = new JsonObject { ["count"] = count, ["lastTimestamp"] = KubeTimeJsonConverter.Format(now) };
            try
            {
                await client.PatchAsync(KubeResources.Events, pod.Metadata.Namespace, seen.Name, KubePatch.Merge(patch), null, cancellationToken).ConfigureAwait(false);
                lock (_seen) _seen[key] = seen with { Count = count, Last = now };
                return;
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
                // Events expire (an hour by default): start a new one.
            }
        }

        var created = await client.CreateAsync(KubeResources.Events, PodEventFactory.Create(pod, record, nodeName, now, Interlocked.Increment(ref _sequence)), cancellationToken)
            .ConfigureAwait(false);
        lock (_seen)
        {
            if (_seen.Count >= MaxRemembered) Forget(now);
            _seen[key] = new Seen(created.Metadata.Name!, 1, now);
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, seen) in _seen.ToList())
        {
            if (now - seen.Last >= Window) _seen.Remove(key);
        }

        if (_seen.Count >= MaxRemembered) _seen.Clear();
    }

    private sealed record Seen(string Name, int Count, DateTimeOffset Last);
}
