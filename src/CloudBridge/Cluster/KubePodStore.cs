using System.Collections.Concurrent;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Informers;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Reconcile;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Cluster;

/// <summary>
/// Pods from the API server: one informer per served node, watching with <c>fieldSelector=spec.nodeName=NODE</c>
/// exactly as a kubelet does, so the API server's watch cache serves the bridge as it serves kubelets (it indexes
/// pods by node) and the bridge holds only its own nodes' pods. ConfigMaps and Secrets come through a
/// <see cref="ReferenceCache"/>.
/// </summary>
internal sealed class KubePodStore : IPodStore, IAsyncDisposable
{
    private readonly KubeClient _client;
    private readonly ReferenceCache _references;
    private readonly InformerOptions _informerOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Informer<Pod>> _informers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _nodeOfPod = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _stop = new();
    private bool _disposed;

    /// <summary>A store over <paramref name="client"/>; informers start as nodes are tracked.</summary>
    public KubePodStore(KubeClient client, ReferenceCache references, InformerOptions informerOptions, TimeProvider time, ILogger<KubePodStore> logger)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _references = references ?? throw new ArgumentNullException(nameof(references));
        _informerOptions = informerOptions ?? throw new ArgumentNullException(nameof(informerOptions));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <inheritdoc />
    public ChangeFeed Changes { get; } = new();

    /// <summary>Nodes whose pods are followed.</summary>
    public int TrackedNodes => _informers.Count;

    /// <inheritdoc />
    public void Track(string nodeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        if (_informers.ContainsKey(nodeName)) return;
        lock (_running)
        {
            if (_stop.IsCancellationRequested || _informers.ContainsKey(nodeName)) return;
            var informer = new Informer<Pod>(_client, KubeResources.Pods, null, _informerOptions with { FieldSelector = "spec.nodeName=" + nodeName },
                _time, _logger, e => OnEvent(nodeName, e));
            _informers[nodeName] = informer;
            _running.Add(informer.RunAsync(_stop.Token));
        }
    }

    /// <inheritdoc />
    public bool IsSynced(string nodeName) => _informers.TryGetValue(nodeName, out var informer) && informer.HasSynced;

    /// <inheritdoc />
    public IReadOnlyList<Pod> PodsOn(string nodeName) => _informers.TryGetValue(nodeName, out var informer) ? informer.List() : [];

    /// <inheritdoc />
    public Pod? Find(string ns, string name) =>
        _nodeOfPod.TryGetValue($"{ns}/{name}", out var node) && _informers.TryGetValue(node, out var informer) ? informer.Get(ns, name) : null;

    /// <inheritdoc />
    public Task<Pod?> GetFreshAsync(string ns, string name, CancellationToken cancellationToken) =>
        _client.TryGetAsync(KubeResources.Pods, ns, name, cancellationToken);

    /// <inheritdoc />
    public Task<Pod> UpdateStatusAsync(Pod pod, PodStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return _client.UpdateStatusAsync(KubeResources.Pods, pod with { Status = status }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(Pod pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var options = new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = pod.Metadata.Uid } };
        try
        {
            return await _client.DeleteAsync(KubeResources.Pods, pod.Metadata.Namespace, pod.Metadata.Name!, options, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeConflictException)
        {
            // The uid precondition failed: a new pod of the same name exists, and this one is already gone.
            return false;
        }
    }

    /// <inheritdoc />
    public ValueTask<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken) =>
        _references.GetConfigMapAsync(ns, name, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken) =>
        _references.GetSecretAsync(ns, name, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_running)
        {
            // The container may dispose it twice (it is registered as itself and as IPodStore).
            if (_disposed) return;
            _disposed = true;
            _stop.Cancel();
            running = [.. _running];
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private void OnEvent(string nodeName, InformerEvent<Pod> e)
    {
        var key = $"{e.Object.Metadata.Namespace}/{e.Object.Metadata.Name}";
        if (e.Type == InformerEventType.Deleted) _nodeOfPod.TryRemove(new KeyValuePair<string, string>(key, nodeName));
        else _nodeOfPod[key] = nodeName;
        Changes.Publish(nodeName);
    }
}
