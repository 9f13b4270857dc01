using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>
/// The prefetch loop: fetches the modules of workloads the planner put in <see cref="WorkloadPhase.Pulling"/>, a few
/// at a time, for every admitted workload at once (a pod's other workloads fetch while its init workloads run). A
/// success makes the entry Ready; a failure puts it in back-off with the error as its message.
/// </summary>
internal sealed class PrefetchService(
    WorkloadTable table,
    ModuleCache cache,
    AgentStore store,
    SupervisorSignals signals,
    IOptions<SupervisorOptions> options,
    TimeProvider time,
    ILogger<PrefetchService> logger) : BackgroundService
{
    private readonly SupervisorOptions _options = options.Value;
    private readonly Dictionary<WorkloadId, Task> _inFlight = [];

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrentPulls);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var done in _inFlight.Where(p => p.Value.IsCompleted).Select(p => p.Key).ToList()) _inFlight.Remove(done);
                foreach (var entry in table.Snapshot().Workloads.Values.Where(e => e.Phase == WorkloadPhase.Pulling && !_inFlight.ContainsKey(e.Id)))
                {
                    _inFlight[entry.Id] = PullAsync(entry.Spec, slots, stoppingToken);
                }

                await signals.Prefetch.WaitAsync(_options.ResyncInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Fetches end on cancellation; wait so none writes to the table or store after the loop is gone.
            await Task.WhenAll(_inFlight.Values).ConfigureAwait(false);
        }
    }

    // Never throws: every outcome becomes a transition of the entry.
    private async Task PullAsync(WorkloadSpec spec, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var module = await cache.EnsureAsync(ModuleRequest.For(spec), cancellationToken).ConfigureAwait(false);
            var info = await store.Blobs.GetInfoAsync(module.BlobDigest, cancellationToken).ConfigureAwait(false);
            table.Update(spec.Id, e => e.Phase == WorkloadPhase.Pulling && SpecEquality.Same(e.Spec, spec) ? Lifecycle.Pulled(e, module, info?.Size) : null);
            SupervisorLog.Pulled(logger, module.BlobDigest, spec.Image, spec.Id, module.Source);
            // Removed while it was being fetched: the pin the fetch just took would keep the module from ever being evicted.
            if (table.Find(spec.Id) is null) await cache.ReleaseAsync(spec.Id.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // An ImageException says what went wrong in its message; anything else (the store failing) is retried the same way.
            var message = ex is ImageException ? ex.Message : $"could not fetch {spec.Image}: {ex.Message}";
            var failed = table.Update(spec.Id, e => e.Phase == WorkloadPhase.Pulling && SpecEquality.Same(e.Spec, spec)
                ? Lifecycle.PullFailed(e, message, time.GetUtcNow(), _options)
                : null);
            SupervisorLog.PullFailed(logger, spec.Image, spec.Id, failed?.PullFailures ?? 0, message);
        }
        finally
        {
            slots.Release();
        }

        signals.Apply.Notify();
    }
}
