using System.Runtime.InteropServices;

namespace EdgeWasm.Protocol.Mqtt;

/// <summary>
/// The static entry points libmosquitto calls on the network thread. The client is found through the GCHandle
/// passed to <c>mosquitto_new</c> as userdata. An exception must never unwind into C, so each entry point stops it.
/// </summary>
internal static unsafe class NativeCallbacks
{
    /// <summary>Points every callback of <paramref name="mosq"/> at this class.</summary>
    public static void Register(nint mosq)
    {
        LibMosquitto.mosquitto_connect_v5_callback_set(mosq, &OnConnect);
        LibMosquitto.mosquitto_disconnect_callback_set(mosq, &OnDisconnect);
        LibMosquitto.mosquitto_publish_v5_callback_set(mosq, &OnPublish);
        LibMosquitto.mosquitto_message_callback_set(mosq, &OnMessage);
        LibMosquitto.mosquitto_subscribe_callback_set(mosq, &OnSubscribe);
        LibMosquitto.mosquitto_log_callback_set(mosq, &OnLog);
    }

    [UnmanagedCallersOnly]
    private static void OnConnect(nint mosq, nint obj, int code, int flags, nint properties) =>
        Run(obj, (code, flags), static (client, a) => client.OnConnack(a.code, a.flags));

    [UnmanagedCallersOnly]
    private static void OnDisconnect(nint mosq, nint obj, int code) =>
        Run(obj, code, static (client, _) => client.OnDisconnect());

    [UnmanagedCallersOnly]
    private static void OnPublish(nint mosq, nint obj, int mid, int reasonCode, nint properties) =>
        Run(obj, (mid, reasonCode), static (client, a) => client.OnPublished(a.mid, a.reasonCode));

    [UnmanagedCallersOnly]
    private static void OnMessage(nint mosq, nint obj, NativeMessage* message)
    {
        if (message is not null) Run(obj, (nint)message, static (client, m) => client.OnMessage((NativeMessage*)m));
    }

    // We send one filter per SUBSCRIBE, so one granted QoS comes back.
    [UnmanagedCallersOnly]
    private static void OnSubscribe(nint mosq, nint obj, int mid, int count, int* grantedQos) =>
        Run(obj, (mid, granted: count > 0 && grantedQos is not null ? grantedQos[0] : 0x80), static (client, a) => client.OnSubscribed(a.mid, a.granted));

    [UnmanagedCallersOnly]
    private static void OnLog(nint mosq, nint obj, int level, nint text) =>
        Run(obj, (level, text), static (client, a) => client.OnLibraryLog(a.level, Marshal.PtrToStringUTF8(a.text) ?? ""));

    // An exception must not unwind into libmosquitto; the handlers catch what user code throws, so reaching the
    // catch here is a bug in this binding, and failing fast says so instead of corrupting the library's state.
    private static void Run<T>(nint obj, T args, Action<MqttClient, T> handler)
    {
        try
        {
            if (Target(obj) is { } client) handler(client, args);
        }
        catch (Exception ex)
        {
            Environment.FailFast("unexpected exception in an MQTT callback", ex);
        }
    }

    private static MqttClient? Target(nint obj) => obj == 0 ? null : GCHandle.FromIntPtr(obj).Target as MqttClient;
}
