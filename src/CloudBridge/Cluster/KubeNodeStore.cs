using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Informers;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Reconcile;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Cluster;

/// <summary>
/// The bridge's nodes in the API server, followed by one shared informer over every EdgeWasm node (label
/// <c>edgewasm.io/device</c>), so what others add to them (taints of the node lifecycle controller, user labels) is
/// seen and kept.
/// </summary>
internal sealed class KubeNodeStore : BackgroundService, INodeStore
{
    /// <summary>The label every EdgeWasm node carries.</summary>
    public const string Selector = "edgewasm.io/device";

    private readonly KubeClient _client;
    private readonly Informer<Node> _informer;

    /// <summary>A store over <paramref name="client"/>; its informer runs with the host.</summary>
    public KubeNodeStore(KubeClient client, InformerOptions informerOptions, TimeProvider time, ILogger<KubeNodeStore> logger)
    {
        ArgumentNullException.ThrowIfNull(informerOptions);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _informer = new Informer<Node>(client, KubeResources.Nodes, null, informerOptions with { LabelSelector = Selector }, time, logger,
            e => Changes.Publish(e.Object.Metadata.Name ?? ""));
    }

    /// <inheritdoc />
    public ChangeFeed Changes { get; } = new();

    /// <inheritdoc />
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _informer.WaitForSyncAsync(cancellationToken);

    /// <inheritdoc />
    public Node? Get(string name) => _informer.Get(null, name);

    /// <inheritdoc />
    public IReadOnlyList<Node> List() => _informer.List();

    /// <inheritdoc />
    public Task<Node?> GetFreshAsync(string name, CancellationToken cancellationToken) => _client.TryGetAsync(KubeResources.Nodes, null, name, cancellationToken);

    /// <inheritdoc />
    public Task<Node> CreateAsync(Node node, CancellationToken cancellationToken) => _client.CreateAsync(KubeResources.Nodes, node, cancellationToken);

    /// <inheritdoc />
    public Task<Node> UpdateAsync(Node node, CancellationToken cancellationToken) => _client.UpdateAsync(KubeResources.Nodes, node, cancellationToken);

    /// <inheritdoc />
    public Task<Node> UpdateStatusAsync(Node node, CancellationToken cancellationToken) => _client.UpdateStatusAsync(KubeResources.Nodes, node, cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _informer.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
