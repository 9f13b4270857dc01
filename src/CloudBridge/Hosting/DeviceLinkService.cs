using EdgeWasm.CloudBridge.Devices;
using Microsoft.Extensions.Hosting;

namespace EdgeWasm.CloudBridge.Hosting;

/// <summary>Starts the device channel with the host (it connects in the background: the bridge runs while the broker or hub is away).</summary>
internal sealed class DeviceLinkService(IDeviceChannel link) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        link.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => link.StopAsync(cancellationToken);
}
