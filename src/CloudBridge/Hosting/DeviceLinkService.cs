using EdgeWasm.CloudBridge.Devices;
using Microsoft.Extensions.Hosting;

namespace EdgeWasm.CloudBridge.Hosting;

/// <summary>Starts the device link with the host (it connects in the background: the bridge runs while the broker is away).</summary>
internal sealed class DeviceLinkService(DeviceLink link) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        link.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
