using Microsoft.Extensions.Hosting;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>The agent's sync loop as a hosted service: runs whichever <see cref="ICloudLink"/> is configured.</summary>
internal sealed class CloudSyncService(ICloudLink link) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => link.RunAsync(stoppingToken);
}
