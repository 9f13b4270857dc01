using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeWasm.CloudBridge.Cluster;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Reconcile;

namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>
/// Pods from manifest files, held in memory with their status, as a kubelet holds static pods. A pod gets a uid
/// derived from its content and node (as the kubelet derives static pod uids), so an edited file is a new pod: the
/// old one is deleted gracefully (its workloads stop on the device first, then it goes) and the new one starts.
/// A removed file deletes its pods the same way. ConfigMaps and Secrets come from the same folder.
/// </summary>
internal sealed class StaticPodStore(string directory, TimeProvider time) : IPodStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _pods = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, ConfigMap> _configMaps = new Dictionary<string, ConfigMap>();
    private IReadOnlyDictionary<string, Secret> _secrets = new Dictionary<string, Secret>();
    private IReadOnlyList<string> _problems = [];
    private bool _loaded;
    private long _resourceVersion;

    /// <inheritdoc />
    public ChangeFeed Changes { get; } = new();

    /// <summary>The folder read.</summary>
    public string Directory => directory;

    /// <summary>What the last read could not use, each naming its file.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_gate) return _problems;
        }
    }

    /// <summary>Every pod held, deleting ones included.</summary>
    public IReadOnlyList<Pod> All()
    {
        lock (_gate) return [.. _pods.Values.Select(e => e.Pod)];
    }

    /// <summary>Reads the folder again and applies what changed; returns the problems found.</summary>
    public IReadOnlyList<string> Reload()
    {
        var set = ManifestReader.Read(directory);
        var now = time.GetUtcNow();
        var problems = set.Problems.ToList();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            var wanted = new Dictionary<string, (Pod Pod, string File)>(StringComparer.Ordinal);
            foreach (var (pod, file) in set.Pods)
            {
                if (string.IsNullOrEmpty(pod.Spec.NodeName))
                {
                    problems.Add($"{file}: pod {pod.Metadata.Namespace}/{pod.Metadata.Name} has no spec.nodeName; in static pod mode it must name its device's node");
                    continue;
                }

                wanted[Uid(pod)] = (pod, file);
            }

            foreach (var (uid, entry) in _pods)
            {
                if (wanted.ContainsKey(uid) || entry.Pod.Metadata.DeletionTimestamp is not null) continue;
                // Gone from the folder, or edited (a new uid): delete gracefully, as the kubelet stops a removed static pod.
                var grace = entry.Pod.Spec.TerminationGracePeriodSeconds ?? 30;
                _pods[uid] = entry with { Pod = Bump(entry.Pod with { Metadata = entry.Pod.Metadata with { DeletionTimestamp = now.AddSeconds(grace), DeletionGracePeriodSeconds = grace } }) };
                touched.Add(entry.Pod.Spec.NodeName!);
            }

            foreach (var (uid, (pod, file)) in wanted)
            {
                if (_pods.ContainsKey(uid)) continue;
                _pods[uid] = new Entry(Bump(pod with
                {
                    Metadata = pod.Metadata with { Uid = uid, CreationTimestamp = now, Generation = 1 },
                    Status = new PodStatus { Phase = "Pending" },
                }), file);
                touched.Add(pod.Spec.NodeName!);
            }

            var referencesChanged = !Same(_configMaps, set.ConfigMaps) || !Same(_secrets, set.Secrets);
            _configMaps = set.ConfigMaps;
            _secrets = set.Secrets;
            _problems = problems;
            if (referencesChanged || !_loaded) touched.UnionWith(_pods.Values.Select(e => e.Pod.Spec.NodeName!));
            _loaded = true;
        }

        foreach (var node in touched) Changes.Publish(node);
        return problems;
    }

    /// <inheritdoc />
    public void Track(string nodeName)
    {
    }

    /// <inheritdoc />
    public bool IsSynced(string nodeName)
    {
        lock (_gate) return _loaded;
    }

    /// <inheritdoc />
    public IReadOnlyList<Pod> PodsOn(string nodeName)
    {
        lock (_gate) return [.. _pods.Values.Select(e => e.Pod).Where(p => p.Spec.NodeName == nodeName)];
    }

    /// <inheritdoc />
    public Pod? Find(string ns, string name)
    {
        lock (_gate)
        {
            var matching = _pods.Values.Select(e => e.Pod).Where(p => p.Metadata.Namespace == ns && p.Metadata.Name == name).ToList();
            return matching.FirstOrDefault(p => p.Metadata.DeletionTimestamp is null) ?? matching.FirstOrDefault();
        }
    }

    /// <inheritdoc />
    public Task<Pod?> GetFreshAsync(string ns, string name, CancellationToken cancellationToken) => Task.FromResult(Find(ns, name));

    /// <inheritdoc />
    public Task<Pod> UpdateStatusAsync(Pod pod, PodStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        Pod updated;
        lock (_gate)
        {
            var uid = pod.Metadata.Uid ?? "";
            if (!_pods.TryGetValue(uid, out var entry)) throw new KubeApiException($"pod {pod.Metadata.Namespace}/{pod.Metadata.Name} is gone", System.Net.HttpStatusCode.NotFound, null);
            if (entry.Pod.Metadata.ResourceVersion != pod.Metadata.ResourceVersion)
            {
                throw new KubeConflictException($"pod {pod.Metadata.Namespace}/{pod.Metadata.Name} has changed since it was read", null);
            }

            updated = Bump(entry.Pod with { Status = status });
            _pods[uid] = entry with { Pod = updated };
        }

        Changes.Publish(pod.Spec.NodeName ?? "");
        return Task.FromResult(updated);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(Pod pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        bool removed;
        lock (_gate) removed = _pods.Remove(pod.Metadata.Uid ?? "");
        if (removed) Changes.Publish(pod.Spec.NodeName ?? "");
        return Task.FromResult(removed);
    }

    /// <inheritdoc />
    public ValueTask<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken)
    {
        lock (_gate) return ValueTask.FromResult(_configMaps.GetValueOrDefault($"{ns}/{name}"));
    }

    /// <inheritdoc />
    public ValueTask<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        lock (_gate) return ValueTask.FromResult(_secrets.GetValueOrDefault($"{ns}/{name}"));
    }

    // The kubelet's static pod uid: a hash of the pod as written and the node it is for.
    private static string Uid(Pod pod)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(pod.Spec.NodeName + "\n" + JsonSerializer.Serialize(pod, KubeJsonContext.Default.Pod)));
        return new Guid(bytes.AsSpan(0, 16)).ToString();
    }

    private Pod Bump(Pod pod) =>
        pod with { Metadata = pod.Metadata with { ResourceVersion = (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    private static bool Same<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b) where T : KubeObject =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && Json(p.Value) == Json(other));

    private static string Json<T>(T value) where T : KubeObject => value switch
    {
        ConfigMap map => JsonSerializer.Serialize(map, KubeJsonContext.Default.ConfigMap),
        Secret secret => JsonSerializer.Serialize(secret, KubeJsonContext.Default.Secret),
        _ => "",
    };

    private sealed record Entry(Pod Pod, string File);
}
