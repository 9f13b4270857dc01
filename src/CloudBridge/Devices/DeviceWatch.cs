using System.Threading.Channels;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>A loop's subscription to registry events; dispose it to stop receiving.</summary>
internal sealed class DeviceWatch(ChannelReader<DeviceEvent> reader, Action stop) : IDisposable
{
    private int _stopped;

    /// <summary>The events, in the order the registry applied them.</summary>
    public ChannelReader<DeviceEvent> Events { get; } = reader;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0) stop();
    }
}
