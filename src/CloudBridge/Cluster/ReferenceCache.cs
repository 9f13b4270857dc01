using System.Collections.Concurrent;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Cluster;

/// <summary>
/// ConfigMaps and Secrets that pods reference, read with a GET and kept for a while (the kubelet's TTL cache
/// strategy): a change reaches devices at the next pass after the entry expires. A missing object is remembered
/// as missing for the same time. Only what pods name is ever read, so the bridge needs no list or watch on them.
/// </summary>
internal sealed class ReferenceCache(KubeClient client, TimeSpan ttl, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (KubeObject? Value, DateTimeOffset Fetched)> _entries = new(StringComparer.Ordinal);

    /// <summary>Entries held now.</summary>
    public int Count => _entries.Count;

    /// <summary>A ConfigMap, or null when it does not exist.</summary>
    public async ValueTask<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken) =>
        (ConfigMap?)await GetAsync(KubeResources.ConfigMaps, ns, name, cancellationToken).ConfigureAwait(false);

    /// <summary>A Secret, or null when it does not exist.</summary>
    public async ValueTask<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken) =>
        (Secret?)await GetAsync(KubeResources.Secrets, ns, name, cancellationToken).ConfigureAwait(false);

    private async ValueTask<KubeObject?> GetAsync<T>(KubeResource<T> resource, string ns, string name, CancellationToken cancellationToken) where T : KubeObject
    {
        var key = $"{resource.Plural}/{ns}/{name}";
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && now - entry.Fetched < ttl) return entry.Value;
        var value = await client.TryGetAsync(resource, ns, name, cancellationToken).ConfigureAwait(false);
        _entries[key] = (value, now);
        if (_entries.Count > 10_000) Prune(now);
        return value;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.Fetched >= ttl) _entries.TryRemove(key, out _);
        }
    }
}
