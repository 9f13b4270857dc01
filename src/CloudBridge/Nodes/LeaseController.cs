using System.Collections.Concurrent;
using EdgeWasm.CloudBridge.Cluster;
using EdgeWasm.CloudBridge.Fleet;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Nodes;

/// <summary>
/// The lease loop: every renew interval (10 s), the Lease in kube-node-lease of every registered node is renewed,
/// whether its device is online or not: the lease says the bridge, the node's kubelet, is alive; the node's Ready
/// condition says where the device stands. A few renewals run at once; the client's rate limiter paces them. A node
/// that appears gets its lease at once, as a kubelet creates it right after registering.
/// </summary>
internal sealed class LeaseController(KubeClient client, INodeStore nodes, DeviceCatalog catalog, NodeOptions options, TimeProvider time, ILogger<LeaseController> logger)
    : BackgroundService
{
    private const int Parallelism = 8;
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private long _renewals;

    /// <summary>Successful renewals (creates included) since start.</summary>
    public long Renewals => Interlocked.Read(ref _renewals);

    /// <summary>Renews every registered node's lease once.</summary>
    public async Task RenewAllAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var targets = catalog.Devices().Select(d => nodes.Get(d.NodeName)).OfType<Node>().Where(n => n.Metadata.Uid is not null).ToList();
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (node, ct) => await RenewAsync(node, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        NodeLog.LeasesRenewed(logger, targets.Count, elapsed);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var appeared = System.Threading.Channels.Channel.CreateUnbounded<string>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
        using var subscription = nodes.Changes.Subscribe(name => appeared.Writer.TryWrite(name));
        using var timer = new PeriodicTimer(options.LeaseRenewInterval, time);
        try
        {
            await nodes.WaitForSyncAsync(stoppingToken).ConfigureAwait(false);
            await Task.WhenAll(FirstLeasesAsync(appeared.Reader, stoppingToken), RenewPeriodicallyAsync(timer, stoppingToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RenewPeriodicallyAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        do
        {
            await RenewAllAsync(cancellationToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    // A node the lease loop has not renewed yet (new, or re-created) gets its lease without waiting for the next tick.
    private async Task FirstLeasesAsync(System.Threading.Channels.ChannelReader<string> appeared, CancellationToken cancellationToken)
    {
        await foreach (var name in appeared.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_leases.ContainsKey(name) || nodes.Get(name) is not { Metadata.Uid: not null } node || catalog.FindByNode(name) is null) continue;
            await RenewAsync(node, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(Node node, CancellationToken cancellationToken)
    {
        var name = node.Metadata.Name!;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var now = time.GetUtcNow();
                try
                {
                    _leases.TryGetValue(name, out var lease);
                    lease ??= await client.TryGetAsync(KubeResources.Leases, KubeResources.NodeLeaseNamespace, name, cancellationToken).ConfigureAwait(false);
                    lease = lease is null
                        ? await client.CreateAsync(KubeResources.Leases, NodeLeaseFactory.Create(name, node.Metadata.Uid, now, options.LeaseDurationSeconds), cancellationToken).ConfigureAwait(false)
                        : await client.UpdateAsync(KubeResources.Leases, NodeLeaseFactory.Renew(lease, name, now, options.LeaseDurationSeconds), cancellationToken).ConfigureAwait(false);
                    _leases[name] = lease;
                    Interlocked.Increment(ref _renewals);
                    return;
                }
                catch (KubeApiException ex) when (attempt < 2 && (ex is KubeConflictException || ex.IsAlreadyExists || ex.IsNotFound))
                {
                    // Changed or removed by someone else: read it again on the next attempt.
                    _leases.TryRemove(name, out _);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _leases.TryRemove(name, out _);
            NodeLog.LeaseFailed(logger, name, ex.Message);
        }
    }
}
