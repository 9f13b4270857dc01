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
    private static void OnConnect(nint mosq, nint obj, int code, int flags, nint properties)
    {
        try
        {
            Target(obj)?.OnConnack(code, flags);
        }
        catch (Exception ex)
        {
            Report(ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnDisconnect(nint mosq, nint obj, int code)
    {
        try
        {
            Target(obj)?.OnDisconnect();
        }
        catch (Exception ex)
        {
            Report(ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnPublish(nint mosq, nint obj, int mid, int reasonCode, nint properties)
    {
        try
        {
            Target(obj)?.OnPublished(mid, reasonCode);
        }
        catch (Exception ex)
        {
            Report(ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnMessage(nint mosq, nint obj, NativeMessage* message)
    {
        try
        {
            if (message is not null) Target(obj)?.OnMessage(message);
        }
        catch (Exception ex)
        {
            Report(ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnSubscribe(nint mosq, nint obj, int mid, int count, int* grantedQos)
    {
        try
        {
            // We send one filter per SUBSCRIBE, so one granted QoS comes back.
            Target(obj)?.OnSubscribed(mid, count > 0 && grantedQos is not null ? grantedQos[0] : 0x80);
        }
        catch (Exception ex)
        {
            Report(ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnLog(nint mosq, nint obj, int level, nint text)
    {
        try
        {
            Target(obj)?.OnLibraryLog(level, Marshal.PtrToStringUTF8(text) ?? "");
        }
        catch (Exception ex)
        {
            Report(ex);
        }
    }

    private static MqttClient? Target(nint obj) => obj == 0 ? null : GCHandle.FromIntPtr(obj).Target as MqttClient;

    // Only reached by a bug in the handlers above; unwinding into libmosquitto would take the process down instead.
    private static void Report(Exception ex) => Environment.FailFast("unexpected exception in an MQTT callback", ex);
}
