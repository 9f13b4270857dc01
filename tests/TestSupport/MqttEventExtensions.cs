using System.Threading.Channels;
using EdgeWasm.Protocol.Mqtt;

namespace EdgeWasm.TestSupport;

/// <summary>Waiting for particular MQTT client events in tests.</summary>
public static class MqttEventExtensions
{
    /// <summary>Skips events until one of type <typeparamref name="T"/> matches, or fails after <paramref name="timeout"/>.</summary>
    public static Task<T> NextAsync<T>(this ChannelReader<MqttClientEvent> events, Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : MqttClientEvent => ChannelWaiting.NextAsync(events, match, timeout);

    /// <summary>Options for a client of <paramref name="broker"/> with short reconnect delays, as tests want.</summary>
    public static MqttClientOptions ClientOptions(this MosquittoFixture broker, string clientId, bool cleanSession = true) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        ClientId = clientId,
        CleanSession = cleanSession,
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
        KeepAlive = TimeSpan.FromSeconds(10),
    };
}
