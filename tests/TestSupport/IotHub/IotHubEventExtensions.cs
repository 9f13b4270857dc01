using System.Threading.Channels;
using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.TestSupport.IotHub;

/// <summary>Waiting for particular IoT Hub device client events in tests.</summary>
public static class IotHubEventExtensions
{
    /// <summary>Skips events until one of type <typeparamref name="T"/> matches, or fails after <paramref name="timeout"/>.</summary>
    public static Task<T> NextAsync<T>(this ChannelReader<IotHubDeviceEvent> events, Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : IotHubDeviceEvent => ChannelWaiting.NextAsync(events, match, timeout);
}
