using EdgeWasm.EdgeAgent.Supervision.Loops;
using EdgeWasm.EdgeAgent.Sync;
using Microsoft.Extensions.Hosting;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>Wakes the apply loop whenever the cloud link stored a new desired document (the store already holds it).</summary>
internal sealed class CloudDesiredPump(ICloudLink link, SupervisorSignals signals) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in link.DesiredDocuments.ReadAllAsync(stoppingToken).ConfigureAwait(false)) signals.Apply.Notify();
    }
}
